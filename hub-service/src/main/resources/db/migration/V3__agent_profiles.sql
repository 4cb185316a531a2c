-- Agent profiles: what each host's daemon offers (and which profile files it refused), and
-- sessions started from a profile, in a mode, with the agent's own session id for resume.

ALTER TABLE host ADD COLUMN profiles jsonb;

ALTER TABLE session ADD COLUMN profile text NOT NULL DEFAULT 'command';
ALTER TABLE session ADD COLUMN mode text NOT NULL DEFAULT 'new';
ALTER TABLE session ADD COLUMN agent_session_id text;
ALTER TABLE session ADD COLUMN task text;
ALTER TABLE session ADD COLUMN resumed_from uuid REFERENCES session (id);
ALTER TABLE session ADD COLUMN spawn_step text;
