-- What a session's agent is doing (ADR 0016): the current activity on the session, and every
-- transition the daemon reported, with when it began, what caused it and what the agent asks.

ALTER TABLE session ADD COLUMN activity text;
ALTER TABLE session ADD COLUMN activity_since timestamptz;
ALTER TABLE session ADD COLUMN activity_cause text;
ALTER TABLE session ADD COLUMN activity_detail text;

CREATE TABLE session_activity (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    state      text        NOT NULL,
    since      timestamptz NOT NULL,
    cause      text,
    detail     text,
    UNIQUE (session_id, since, state)
);
