-- Personal API tokens for scripts and the CLI (docs/adr/0023-api-tokens-and-audit-trail.md). The
-- secret ("drv_" and 43 base62 characters, 256 random bits) is shown once; only its SHA-256 is kept
-- and looked up. A token acts with its own role, never above its owner's: the hub revokes it when
-- the owner is disabled, removed or given a lower role, and every check compares the two again.

CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    secret_hash  bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX api_token_account ON api_token (account_id);

-- A name tells one's live tokens apart; a revoked token's name may be given again.
CREATE UNIQUE INDEX api_token_live_name ON api_token (account_id, lower(name)) WHERE revoked_at IS NULL;
