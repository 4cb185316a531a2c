-- Issue 12: the context a session's latest model request used, and how each usage event's cost was found
-- (docs/adr/0026-context-and-spend.md).

-- The prompt tokens (input + cache read + cache creation) of the latest usage delta that carried any, its model,
-- that model's context window from the agent profile (null when the profile lists none) and when it was observed.
ALTER TABLE session
    ADD COLUMN context_tokens bigint,
    ADD COLUMN context_window bigint,
    ADD COLUMN context_model  text,
    ADD COLUMN context_at     timestamptz;

-- reported (by the CLI), estimated (priced from the profile) or unpriced (no price: the cost is not 0 but unknown).
-- Events stored before this column have no basis recorded: they read as reported.
ALTER TABLE usage_event
    ADD COLUMN cost_basis text NOT NULL DEFAULT 'reported' CHECK (cost_basis IN ('reported', 'estimated', 'unpriced'));
