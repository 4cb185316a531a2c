-- The conversation archive (docs/conversations.md, docs/adr/0031-conversation-archive.md): every
-- agent conversation the daemons read from the CLIs' transcript files, one row per conversation
-- (an agent session on a host) and one per message. A message is identified within its
-- conversation by the key the daemon gives it (stable across re-reads), so a batch sent again
-- applies once and a rewritten record replaces the earlier one; seq is its place, given by the hub
-- when it first arrives. Full-text search runs on a generated tsvector with a GIN index.

CREATE TABLE conversation (
    id                    uuid PRIMARY KEY,
    host_id               uuid        NOT NULL REFERENCES host (id) ON DELETE CASCADE,
    agent                 text        NOT NULL,
    agent_session_id      text        NOT NULL,
    session_id            uuid        REFERENCES session (id) ON DELETE SET NULL,
    project               text,
    title                 text,
    started_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    message_count         integer     NOT NULL DEFAULT 0,
    last_seq              bigint      NOT NULL DEFAULT 0,
    input_tokens          bigint      NOT NULL DEFAULT 0,
    output_tokens         bigint      NOT NULL DEFAULT 0,
    cache_read_tokens     bigint      NOT NULL DEFAULT 0,
    cache_write_tokens    bigint      NOT NULL DEFAULT 0,
    resumed_by_session_id uuid        REFERENCES session (id) ON DELETE SET NULL,
    resume_locked_until   timestamptz,
    UNIQUE (host_id, agent, agent_session_id)
);

CREATE INDEX conversation_session ON conversation (session_id);
CREATE INDEX conversation_updated ON conversation (updated_at DESC);
CREATE INDEX conversation_host_project ON conversation (host_id, project);
CREATE INDEX conversation_agent ON conversation (agent);

CREATE TABLE conversation_message (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id    uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq                bigint      NOT NULL,
    entry_key          text        NOT NULL,
    agent_message_id   text,
    parent_seq         bigint,
    subagent_id        text,
    role               text        NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    kind               text        NOT NULL CHECK (kind IN ('text', 'thinking', 'tool_use', 'tool_result')),
    text               text        NOT NULL,
    tool_name          text,
    tool_use_id        text,
    is_error           boolean     NOT NULL DEFAULT false,
    model              text,
    input_tokens       bigint      NOT NULL DEFAULT 0,
    output_tokens      bigint      NOT NULL DEFAULT 0,
    cache_read_tokens  bigint      NOT NULL DEFAULT 0,
    cache_write_tokens bigint      NOT NULL DEFAULT 0,
    at                 timestamptz NOT NULL,
    -- tsvector holds at most 1 MB: the first 200,000 characters of a message are searchable
    search             tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, left(text, 200000))) STORED,
    UNIQUE (conversation_id, entry_key),
    UNIQUE (conversation_id, seq)
);

CREATE INDEX conversation_message_search ON conversation_message USING gin (search);
CREATE INDEX conversation_message_at ON conversation_message (at);
CREATE INDEX conversation_message_role ON conversation_message (role);
CREATE INDEX conversation_message_tool ON conversation_message (tool_name) WHERE tool_name IS NOT NULL;
CREATE INDEX conversation_message_agent_message ON conversation_message (conversation_id, agent_message_id)
    WHERE agent_message_id IS NOT NULL;
