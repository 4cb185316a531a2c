package dev.drover.hub.audit.service;

/**
 * The actions the audit trail records, as stored in {@code audit_entry.action} and filtered by
 * {@code GET /api/v1/audit?action=}. docs/security.md ("Audit trail") lists what each one's target
 * and detail hold; a feature that records a new kind of action adds its name here and there.
 */
public final class AuditActions {

    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String LOGOUT = "logout";
    public static final String PASSWORD_CHANGED = "password.changed";
    public static final String USER_CREATED = "user.created";
    public static final String USER_ROLE_CHANGED = "user.role-changed";
    public static final String USER_DISABLED = "user.disabled";
    public static final String USER_ENABLED = "user.enabled";
    public static final String USER_REMOVED = "user.removed";
    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    public static final String HOST_CREATED = "host.created";
    public static final String HOST_ENROLLED = "host.enrolled";
    public static final String HOST_REVOKED = "host.revoked";
    public static final String HOST_REMOVED = "host.removed";
    public static final String SESSION_SPAWNED = "session.spawned";
    public static final String SESSION_STOPPED = "session.stopped";
    public static final String TERMINAL_INPUT = "terminal.input";
    public static final String BUDGET_CHANGED = "budget.changed";
    public static final String BUDGET_REMOVED = "budget.removed";
    /** For the approvals feature: a permission request answered yes (target {@code session:<id>}). */
    public static final String APPROVAL_APPROVED = "approval.approved";
    /** For the approvals feature: a permission request answered no (target {@code session:<id>}). */
    public static final String APPROVAL_DENIED = "approval.denied";
    /** For prompt broadcast: one text sent to several sessions (target the sessions, detail their count and size). */
    public static final String PROMPT_BROADCAST = "prompt.broadcast";

    private AuditActions() {
    }
}
