-- The last hook a session's agent called (event, short summary, time), e.g. Claude Code's Notification.

ALTER TABLE session ADD COLUMN last_hook_event text;
ALTER TABLE session ADD COLUMN last_hook_detail text;
ALTER TABLE session ADD COLUMN last_hook_at timestamptz;
