-- The audit trail (docs/adr/0023-api-tokens-and-audit-trail.md): who did what to which target,
-- when and from where. Append-only: a trigger refuses every UPDATE, DELETE and TRUNCATE, except the
-- retention job's DELETE, which sets drover.audit_retention for its own transaction first.

CREATE TABLE audit_entry (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    token   text,
    action  text        NOT NULL,
    target  text,
    address text,
    detail  jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_entry_at ON audit_entry (at DESC, id DESC);
CREATE INDEX audit_entry_actor ON audit_entry (actor, at DESC);
CREATE INDEX audit_entry_action ON audit_entry (action text_pattern_ops, at DESC);
CREATE INDEX audit_entry_target ON audit_entry (target, at DESC);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('drover.audit_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
