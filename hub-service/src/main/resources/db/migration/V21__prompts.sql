-- Prompts typed into sessions' agents on someone's behalf (ADR 0025): the prompt, who sent it and
-- how long it may wait, and one delivery per session with where it stands.

CREATE TABLE prompt (
    id           uuid PRIMARY KEY,
    text         text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    wait_seconds integer     NOT NULL
);

CREATE TABLE prompt_delivery (
    id          uuid PRIMARY KEY,
    prompt_id   uuid        NOT NULL REFERENCES prompt (id) ON DELETE CASCADE,
    session_id  uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    position    integer     NOT NULL,
    status      text        NOT NULL,
    detail      text,
    typed_at    timestamptz,
    finished_at timestamptz,
    UNIQUE (prompt_id, session_id)
);

CREATE INDEX prompt_delivery_session ON prompt_delivery (session_id);
