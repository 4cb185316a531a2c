-- A host's credential rotates: the daemon trades it for a fresh one on every start and twice a
-- day. Only the newest credential (its jti) and the one it replaced (in case the daemon died
-- before saving the new one) are accepted; null for hosts that have not renewed yet.

ALTER TABLE host ADD COLUMN credential_id uuid;
ALTER TABLE host ADD COLUMN previous_credential_id uuid;
