package dev.drover.hub.audit.service;

import dev.drover.hub.audit.repository.AuditFilter;
import dev.drover.hub.audit.repository.AuditRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * The one way features record what people, hosts and the hub did
 * (docs/adr/0023-api-tokens-and-audit-trail.md). Callers chain {@link #record} after the action
 * succeeded, so the answer leaves once the entry is stored; a failure to store it is logged and
 * does not undo or fail the action. Terminal input goes through {@link TerminalInputTally}, which
 * sums keystrokes into one entry per person, session and minute.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditRepository repository;

    public AuditTrail(AuditRepository repository) {
        this.repository = repository;
    }

    /**
     * Records that {@code actor} did {@code action} (one of {@link AuditActions}) to {@code target}
     * (e.g. {@code session:<id>}, {@code user:<name>}, {@code host:<name>}; null when there is none),
     * with {@code detail} (small values: names, roles, sizes; never secrets).
     */
    public Uni<Void> record(Actor actor, String action, String target, Map<String, ?> detail) {
        return record(Instant.now(), actor, action, target, detail);
    }

    Uni<Void> record(Instant at, Actor actor, String action, String target, Map<String, ?> detail) {
        return repository.insert(at, actor.name(), actor.token(), action, target, actor.address(), detail)
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("cannot record audit entry %s by %s on %s: %s", action, actor.name(), target, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The entries matching {@code filter}, newest first: one page of {@code limit} from {@code offset}, and the total. */
    @WithSpan
    public Uni<AuditRepository.Found> search(AuditFilter filter, int limit, long offset) {
        return repository.search(filter, limit, offset);
    }
}
