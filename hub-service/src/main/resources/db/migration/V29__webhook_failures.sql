-- A webhook notification that used up its attempts is kept with its last error (ADR 0034), so the
-- person sees in their notification settings which notifications never reached them and why.
ALTER TABLE notification_sent
    ADD COLUMN failed_at  timestamptz,
    ADD COLUMN attempts   integer,
    ADD COLUMN last_error text;

CREATE INDEX notification_sent_failed ON notification_sent (account_id, failed_at DESC) WHERE failed_at IS NOT NULL;
