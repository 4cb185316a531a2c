package dev.drover.hub.host.service;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A host's credential was revoked, by itself or with the host's removal: nothing it ran is live any
 * more. {@link HostService} fires it as a synchronous CDI event inside the transaction that revokes
 * the host. Observers run then, on the same Vert.x context, so the reactive Hibernate session they
 * see is that transaction's; they must not block, and hand the database work that must commit with
 * the revocation to {@link #alsoDo}. See docs/adr/0015-hub-layers.md.
 */
public final class HostRevoked {

    private final UUID hostId;
    private final String reason;
    private final Instant at;
    private Uni<Void> work = Uni.createFrom().voidItem();

    HostRevoked(UUID hostId, String reason, Instant at) {
        this.hostId = hostId;
        this.reason = reason;
        this.at = at;
    }

    public UUID hostId() {
        return hostId;
    }

    /** The stop reason of what ends with the host: {@code host-revoked} or {@code host-removed}. */
    public String reason() {
        return reason;
    }

    public Instant at() {
        return at;
    }

    /** Adds {@code step} to the work that commits with the revocation; steps run one after another, in the order added. */
    public void alsoDo(Supplier<Uni<Void>> step) {
        work = work.chain(step::get);
    }

    /** What the observers added, for the revoking transaction to run. */
    Uni<Void> work() {
        return work;
    }
}
