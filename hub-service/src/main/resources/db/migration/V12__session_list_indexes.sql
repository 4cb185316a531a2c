-- The fleet's session list is filtered, searched and paged by the hub (GET /api/v1/sessions with
-- limit and page): newest first, by state, host, profile, project (directory) and who started it,
-- and by words in the task, command line, directories and the shell's last command.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What the search looks in, lower-cased. array_to_string is only STABLE (it formats any element
-- type), but for text[] its result depends on nothing but its input, so this may be IMMUTABLE and
-- back an index.
CREATE FUNCTION session_search_text(task text, command text[], cwd text, worktree_path text, shell_cwd text,
                                    shell_last_command text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT lower(concat_ws(E'\n', task, array_to_string(command, ' '), cwd, worktree_path, shell_cwd, shell_last_command))
$$;

CREATE INDEX session_newest ON session (created_at DESC, id DESC);
CREATE INDEX session_state_newest ON session (state, created_at DESC, id DESC);
CREATE INDEX session_host_newest ON session (host_id, created_at DESC, id DESC);
CREATE INDEX session_profile_newest ON session (profile, created_at DESC, id DESC);
CREATE INDEX session_cwd_newest ON session (cwd, created_at DESC, id DESC);
CREATE INDEX session_creator_newest ON session (created_by, created_at DESC, id DESC);
CREATE INDEX session_search ON session
    USING gin (session_search_text(task, command, cwd, worktree_path, shell_cwd, shell_last_command) gin_trgm_ops);
