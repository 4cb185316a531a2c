-- A user name means one person for good (docs/adr/0035-names-are-never-reused-and-worktrees-are-their-sessions-owners.md).
-- Sessions (their owner), prompts, day budgets, budget events, shares' granters, decisions and the
-- audit trail name people by user name; a new account given a removed one's name would own its
-- sessions, its day budget and its prompts, and read as the same person in the audit trail. So a
-- removed account's name is retired: no account may take it again, ignoring case.

CREATE TABLE retired_username (
    name       text PRIMARY KEY CHECK (name = lower(name)),
    retired_at timestamptz NOT NULL
);

CREATE FUNCTION drover_retire_username() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO retired_username (name, retired_at) VALUES (lower(OLD.username), now()) ON CONFLICT DO NOTHING;
    RETURN OLD;
END
$$;

CREATE TRIGGER account_username_retired
    AFTER DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION drover_retire_username();

-- Every way an account gets a name (the People page, the first admin, a sign-in that provisions one)
-- is refused a retired one, with the unique_violation a taken name gives.
CREATE FUNCTION drover_refuse_retired_username() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM retired_username WHERE name = lower(NEW.username)) THEN
        RAISE EXCEPTION 'the user name % belonged to a removed account; names are not given again', NEW.username
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'retired_username_pkey';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER account_username_not_retired
    BEFORE INSERT OR UPDATE OF username ON account
    FOR EACH ROW EXECUTE FUNCTION drover_refuse_retired_username();

-- Accounts removed before this migration: the names that their sessions, prompts, budgets, shares,
-- decisions and removals still carry, where no account holds them now.
INSERT INTO retired_username (name, retired_at)
SELECT DISTINCT lower(referenced.name), now()
FROM (SELECT created_by AS name FROM session
      UNION SELECT created_by FROM prompt
      UNION SELECT username FROM day_budget WHERE username IS NOT NULL
      UNION SELECT username FROM budget_event WHERE username IS NOT NULL
      UNION SELECT granted_by FROM session_share
      UNION SELECT decided_by FROM session_decision
      UNION SELECT substr(target, 6) FROM audit_entry WHERE action = 'user.removed' AND target LIKE 'user:%') referenced
WHERE NOT EXISTS (SELECT 1 FROM account WHERE lower(account.username) = lower(referenced.name))
ON CONFLICT DO NOTHING;
