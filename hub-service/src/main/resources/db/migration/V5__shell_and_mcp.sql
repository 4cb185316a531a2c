-- What a session's shell reports through its integration marks (OSC 7 / 133 / 633), and the MCP
-- servers configured for its agent (docs/adr/0002-hub-daemon-protocol.md: shell-state, mcp-servers).

ALTER TABLE session ADD COLUMN shell_cwd text;
ALTER TABLE session ADD COLUMN shell_last_command text;
ALTER TABLE session ADD COLUMN shell_last_exit_code integer;
ALTER TABLE session ADD COLUMN shell_command_running boolean;
ALTER TABLE session ADD COLUMN shell_updated_at timestamptz;
-- {"servers": [{"name", "transport", "command", "args", "url", "source"}]}
ALTER TABLE session ADD COLUMN mcp_servers jsonb;
