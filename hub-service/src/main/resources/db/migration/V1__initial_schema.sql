-- Drover hub schema, version 1: accounts, hosts and their join tokens, sessions, usage events.

CREATE TABLE account (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE host (
    id             uuid PRIMARY KEY,
    name           text        NOT NULL,
    hostname       text,
    os             text,
    arch           text,
    daemon_version text,
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz,
    enrolled_at    timestamptz,
    revoked        boolean     NOT NULL DEFAULT false
);

CREATE UNIQUE INDEX host_name_active ON host (name) WHERE NOT revoked;

CREATE TABLE join_token (
    token_hash text PRIMARY KEY,
    host_id    uuid        NOT NULL REFERENCES host (id),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX join_token_host ON join_token (host_id);

CREATE TABLE session (
    id                    uuid PRIMARY KEY,
    host_id               uuid        NOT NULL REFERENCES host (id),
    command               text[]      NOT NULL,
    cwd                   text,
    state                 text        NOT NULL,
    exit_code             integer,
    stop_reason           text,
    created_by            text        NOT NULL,
    created_at            timestamptz NOT NULL,
    started_at            timestamptz,
    ended_at              timestamptz,
    input_tokens          bigint      NOT NULL DEFAULT 0,
    output_tokens         bigint      NOT NULL DEFAULT 0,
    cache_read_tokens     bigint      NOT NULL DEFAULT 0,
    cache_creation_tokens bigint      NOT NULL DEFAULT 0,
    cost_nano_usd         bigint      NOT NULL DEFAULT 0
);

CREATE INDEX session_host_state ON session (host_id, state);

CREATE TABLE usage_event (
    event_id              text PRIMARY KEY,
    session_id            uuid        NOT NULL REFERENCES session (id),
    model                 text        NOT NULL,
    input_tokens          bigint      NOT NULL,
    output_tokens         bigint      NOT NULL,
    cache_read_tokens     bigint      NOT NULL,
    cache_creation_tokens bigint      NOT NULL,
    cost_nano_usd         bigint      NOT NULL,
    source                text        NOT NULL,
    observed_at           timestamptz NOT NULL
);

CREATE INDEX usage_event_session ON usage_event (session_id);
