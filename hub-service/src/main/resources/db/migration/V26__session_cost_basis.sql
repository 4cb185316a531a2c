-- Issue 12: how much of a session's cost is estimated from the profiles' prices and how many of its tokens have
-- no price, so that every view of a session says "est." or "unpriced" instead of showing a silent $0
-- (docs/adr/0030-cost-basis-budget-pushes-and-day-budgets.md). Kept beside the totals, in the same UPDATE that adds
-- a usage event to them; filled here from the events stored so far.
ALTER TABLE session
    ADD COLUMN estimated_cost_nano_usd bigint NOT NULL DEFAULT 0,
    ADD COLUMN unpriced_tokens         bigint NOT NULL DEFAULT 0;

UPDATE session s
SET estimated_cost_nano_usd = u.estimated,
    unpriced_tokens         = u.unpriced
FROM (SELECT session_id,
             LEAST(coalesce(sum(cost_nano_usd::numeric) FILTER (WHERE cost_basis = 'estimated'), 0),
                   9223372036854775807)::bigint AS estimated,
             LEAST(coalesce(sum(input_tokens::numeric + output_tokens + cache_read_tokens + cache_creation_tokens)
                                FILTER (WHERE cost_basis = 'unpriced'), 0),
                   9223372036854775807)::bigint AS unpriced
      FROM usage_event
      WHERE cost_basis <> 'reported'
      GROUP BY session_id) u
WHERE s.id = u.session_id;

-- A budget stop that could not reach the session's daemon (its host was offline): why it is owed. The hub sends it
-- when the host's daemon connects again and clears it once sent.
ALTER TABLE session
    ADD COLUMN budget_stop_owed text;
