-- Whether a session runs in a git worktree of its own, and the session a companion shell belongs to.

ALTER TABLE session ADD COLUMN worktree boolean NOT NULL DEFAULT false;
ALTER TABLE session ADD COLUMN parent_id uuid REFERENCES session (id);
ALTER TABLE session ADD COLUMN worktree_path text;
ALTER TABLE session ADD COLUMN worktree_branch text;
