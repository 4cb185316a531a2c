package dev.drover.hub.telemetry.service;

import io.smallrye.mutiny.Uni;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * A usage delta was added to a session's totals (and committed). {@link TelemetryService} fires it as
 * a synchronous CDI event before it acknowledges the event to the ingest; observers (budgets) must not
 * block and hand their reactive work to {@link #alsoDo}, which runs after the totals are stored. A
 * failure of that work is logged and does not fail the event: the usage is counted (docs/adr/0015).
 */
public final class UsageApplied {

    private final UUID sessionId;
    private Uni<Void> work = Uni.createFrom().voidItem();

    UsageApplied(UUID sessionId) {
        this.sessionId = sessionId;
    }

    public UUID sessionId() {
        return sessionId;
    }

    /** Adds {@code step} to the work done once the usage is stored; steps run one after another. */
    public void alsoDo(Supplier<Uni<Void>> step) {
        work = work.chain(step::get);
    }

    Uni<Void> work() {
        return work;
    }
}
