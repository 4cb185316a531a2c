-- An account created with a one-time password must choose its own before it can do anything else:
-- until then its login tokens are good only for reading who it is and changing the password.

ALTER TABLE account ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
