package dev.drover.hub.audit.service;

import dev.drover.hub.audit.repository.AuditRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Deletes audit entries older than {@code drover.hub.audit.retention} (365 days), at start and every
 * {@code drover.hub.audit.retention-interval}: the only deletion the table's trigger lets through.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditRepository repository;
    private final AuditConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public AuditRetention(AuditRepository repository, AuditConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(1, config.retentionInterval().toMillis(), id -> purge().subscribe().with(
                deleted -> { },
                failure -> LOG.warnf("cannot delete old audit entries: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Deletes the entries older than the retention time; answers how many. */
    public Uni<Integer> purge() {
        return repository.purge(Instant.now().minus(config.retention()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d audit entries older than %s", deleted, config.retention());
                    }
                });
    }
}
