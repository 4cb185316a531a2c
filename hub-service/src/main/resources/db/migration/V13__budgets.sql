-- Budgets (docs/adr/0017-budgets.md): a session's own limits and the marks that make its 80 % warning
-- and its 100 % stop happen once; day budgets per user and per project; the budget events.

ALTER TABLE session
    ADD COLUMN budget_cost_nano_usd bigint CHECK (budget_cost_nano_usd > 0),
    ADD COLUMN budget_tokens        bigint CHECK (budget_tokens > 0),
    ADD COLUMN budget_warned_at     timestamptz,
    ADD COLUMN budget_spent_at      timestamptz;

-- The day spend of a user or a project adds up its sessions' usage events of the day (a user's sessions
-- are found by V12's session_creator_newest).
CREATE INDEX session_project ON session (host_id, cwd);
CREATE INDEX usage_event_observed_at ON usage_event (observed_at);

-- A day budget for one user (username) or one project (host_id and path), in USD and/or tokens.
CREATE TABLE day_budget (
    id            uuid PRIMARY KEY,
    scope         text        NOT NULL CHECK (scope IN ('user', 'project')),
    username      text,
    host_id       uuid REFERENCES host (id) ON DELETE CASCADE,
    path          text,
    cost_nano_usd bigint CHECK (cost_nano_usd > 0),
    tokens        bigint CHECK (tokens > 0),
    updated_by    text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (cost_nano_usd IS NOT NULL OR tokens IS NOT NULL),
    CHECK ((scope = 'user' AND username IS NOT NULL AND host_id IS NULL AND path IS NULL)
        OR (scope = 'project' AND username IS NULL AND host_id IS NOT NULL AND path IS NOT NULL))
);

CREATE UNIQUE INDEX day_budget_user ON day_budget (username) WHERE scope = 'user';
CREATE UNIQUE INDEX day_budget_project ON day_budget (host_id, path) WHERE scope = 'project';

-- A budget reached 80 % (warning) or 100 % (spent): once per session budget (guarded by the session's
-- budget marks), once per day budget and day (guarded by the unique indexes).
CREATE TABLE budget_event (
    id                  uuid PRIMARY KEY,
    kind                text        NOT NULL CHECK (kind IN ('warning', 'spent')),
    scope               text        NOT NULL CHECK (scope IN ('session', 'user', 'project')),
    session_id          uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    username            text,
    host_id             uuid,
    path                text,
    day                 date,
    limit_cost_nano_usd bigint,
    limit_tokens        bigint,
    spent_cost_nano_usd bigint      NOT NULL,
    spent_tokens        bigint      NOT NULL,
    at                  timestamptz NOT NULL
);

CREATE INDEX budget_event_session ON budget_event (session_id);
CREATE UNIQUE INDEX budget_event_once_per_user_day ON budget_event (username, day, kind) WHERE scope = 'user';
CREATE UNIQUE INDEX budget_event_once_per_project_day ON budget_event (host_id, path, day, kind) WHERE scope = 'project';
CREATE INDEX budget_event_at ON budget_event (at);
