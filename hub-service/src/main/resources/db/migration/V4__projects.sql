-- Each host's latest project scan (shown while the host is offline, with its time) and the
-- worktrees its daemon created for sessions.

CREATE TABLE project_scan (
    host_id    uuid PRIMARY KEY REFERENCES host (id),
    scanned_at timestamptz NOT NULL,
    roots      text[]      NOT NULL
);

CREATE TABLE project (
    id      uuid PRIMARY KEY,
    host_id uuid    NOT NULL REFERENCES host (id),
    path    text    NOT NULL,
    name    text    NOT NULL,
    branch  text,
    head    text,
    dirty   boolean,
    remote  text,
    error   text,
    UNIQUE (host_id, path)
);

CREATE TABLE worktree (
    id         uuid PRIMARY KEY,
    host_id    uuid        NOT NULL REFERENCES host (id),
    repo_path  text        NOT NULL,
    path       text        NOT NULL,
    branch     text        NOT NULL,
    base       text,
    session_id uuid,
    profile_id text,
    head       text,
    dirty      boolean,
    merged     boolean     NOT NULL,
    pushed     boolean     NOT NULL,
    state      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (host_id, path)
);

CREATE INDEX worktree_host_repo ON worktree (host_id, repo_path);
