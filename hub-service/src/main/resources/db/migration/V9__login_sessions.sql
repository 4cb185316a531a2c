-- Every login token names its login session (the token's jti); a request is served only while the
-- session is live: not logged out, not expired, its account neither removed nor disabled.

ALTER TABLE account ADD COLUMN disabled_at timestamptz;

CREATE TABLE login_session (
    id         uuid PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at   timestamptz
);

CREATE INDEX login_session_account ON login_session (account_id);
