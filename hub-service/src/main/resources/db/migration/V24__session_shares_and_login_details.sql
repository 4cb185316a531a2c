-- Sessions belong to who started them (session.created_by) and are shared with named people
-- (docs/adr/0028-session-owners-and-sharing.md): 'view' lets them watch, 'type' also lets an
-- operator type, resize, stop, resume and open a companion. A share goes with its session and its
-- account. A share change notifies the session's channel, so the pages of the person it concerns
-- learn of it (as 'INSERT': for them the session may be new).

CREATE TABLE session_share (
    session_id uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    access     text        NOT NULL CHECK (access IN ('view', 'type')),
    granted_by text        NOT NULL,
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, account_id)
);

CREATE INDEX session_share_account ON session_share (account_id);
CREATE INDEX session_created_by ON session (created_by);

CREATE FUNCTION drover_notify_share_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('drover_changes', 'session:INSERT:' || COALESCE(NEW.session_id, OLD.session_id)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER session_share_changed
    AFTER INSERT OR UPDATE OR DELETE ON session_share
    FOR EACH ROW EXECUTE FUNCTION drover_notify_share_change();

-- Who is signed in where: the address and browser of each login, and when it was last used (written
-- at most every 30 s per login, by the check every request makes).

ALTER TABLE login_session ADD COLUMN address text;
ALTER TABLE login_session ADD COLUMN user_agent text;
ALTER TABLE login_session ADD COLUMN last_seen_at timestamptz;
