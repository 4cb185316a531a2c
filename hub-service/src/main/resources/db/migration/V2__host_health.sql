-- Host health, labels, and revocation apart from removal.
-- "revoked" now means the host's credential is invalid; "removed" means an admin deleted it.

ALTER TABLE host ADD COLUMN removed boolean NOT NULL DEFAULT false;
ALTER TABLE host ADD COLUMN revoked_at timestamptz;
ALTER TABLE host ADD COLUMN labels jsonb NOT NULL DEFAULT '{}';
ALTER TABLE host ADD COLUMN health jsonb;
ALTER TABLE host ADD COLUMN last_heartbeat_at timestamptz;

UPDATE host SET removed = true WHERE revoked;

DROP INDEX host_name_active;
CREATE UNIQUE INDEX host_name_listed ON host (name) WHERE NOT removed;
