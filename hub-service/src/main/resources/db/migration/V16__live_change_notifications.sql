-- Every committed change of a session or host row is announced on the channel drover_changes as
-- '<table>:<operation>:<id>' (operation INSERT, UPDATE or DELETE) (docs/adr/0018-live-dashboard-events.md). PostgreSQL delivers a NOTIFY only when
-- its transaction commits, merges duplicates within one transaction, and drops it on rollback, so
-- the hub pushes exactly what was committed, whichever code (or a column added later) wrote it.

CREATE FUNCTION drover_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('drover_changes', TG_TABLE_NAME || ':' || TG_OP || ':' || COALESCE(NEW.id, OLD.id)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER session_changed
    AFTER INSERT OR DELETE ON session
    FOR EACH ROW EXECUTE FUNCTION drover_notify_change();

CREATE TRIGGER session_updated
    AFTER UPDATE ON session
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION drover_notify_change();

CREATE TRIGGER host_changed
    AFTER INSERT OR DELETE ON host
    FOR EACH ROW EXECUTE FUNCTION drover_notify_change();

CREATE TRIGGER host_updated
    AFTER UPDATE ON host
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION drover_notify_change();
