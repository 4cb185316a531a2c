-- Notifications and remote approvals (docs/adr/0024-notifications-and-approvals.md): each person's
-- webhook, the sessions each person muted, the webhook notifications sent (one per person and
-- transition) and every allow or deny decided in Drover, with who decided and when.

CREATE TABLE notification_setting (
    account_id  uuid PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    webhook_url text,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT notification_setting_webhook CHECK (webhook_url ~ '^https?://' AND char_length(webhook_url) <= 2048)
);

CREATE TABLE session_mute (
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    session_id uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    muted_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, session_id)
);

CREATE TABLE notification_sent (
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    session_id uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    since      timestamptz NOT NULL,
    state      text        NOT NULL,
    sent_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, session_id, since, state)
);

CREATE TABLE session_decision (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    decided_at timestamptz NOT NULL,
    decided_by text        NOT NULL,
    decision   text        NOT NULL,
    reason     text,
    via        text        NOT NULL,
    detail     text,
    CONSTRAINT session_decision_decision CHECK (decision IN ('allow', 'deny'))
);
CREATE INDEX session_decision_session ON session_decision (session_id, decided_at);
