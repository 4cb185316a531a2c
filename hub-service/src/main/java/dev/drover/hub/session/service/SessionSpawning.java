package dev.drover.hub.session.service;

import dev.drover.hub.session.repository.Session;
import io.smallrye.mutiny.Uni;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * A session is about to be recorded and started. {@link SessionService} fires it as a synchronous CDI
 * event inside the transaction that records the session, before the daemon is asked; an observer that
 * must refuse the spawn adds a check with {@link #check} that fails with a domain exception (budgets:
 * a spent day budget is a 409). Like {@code HostRevoked}, observers must not block (docs/adr/0015).
 */
public final class SessionSpawning {

    private final UUID sessionId;
    private final String createdBy;
    private final UUID hostId;
    private final String cwd;
    private final Long budgetCostNanoUsd;
    private final Long budgetTokens;
    private Uni<Void> checks = Uni.createFrom().voidItem();

    SessionSpawning(Session session) {
        this.sessionId = session.id;
        this.createdBy = session.createdBy;
        this.hostId = session.hostId;
        this.cwd = session.cwd;
        this.budgetCostNanoUsd = session.budgetCostNanoUsd;
        this.budgetTokens = session.budgetTokens;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public String createdBy() {
        return createdBy;
    }

    public UUID hostId() {
        return hostId;
    }

    /** The project the session works in (its repository path), or null outside a project. */
    public String cwd() {
        return cwd;
    }

    /** The session's own budget asked for at spawn, or null. */
    public Long budgetCostNanoUsd() {
        return budgetCostNanoUsd;
    }

    public Long budgetTokens() {
        return budgetTokens;
    }

    /** Adds {@code check} to what must pass before the session is recorded; checks run one after another. */
    public void check(Supplier<Uni<Void>> check) {
        checks = checks.chain(check::get);
    }

    Uni<Void> checks() {
        return checks;
    }
}
