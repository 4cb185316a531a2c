-- Accounts signed in through an OpenID Connect provider (docs/adr/0029-oidc-sign-in-beside-hub-tokens.md):
-- linked by the provider's issuer and the person's subject there, without a password of their own.

ALTER TABLE account ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE account ADD COLUMN oidc_issuer text;
ALTER TABLE account ADD COLUMN oidc_subject text;
ALTER TABLE account ADD CONSTRAINT account_oidc_identity UNIQUE (oidc_issuer, oidc_subject);
ALTER TABLE account ADD CONSTRAINT account_password_or_oidc
    CHECK (password_hash IS NOT NULL OR (oidc_issuer IS NOT NULL AND oidc_subject IS NOT NULL));
