package dev.drover.hub.audit.service;

import dev.drover.hub.audit.repository.AuditRepository;
import dev.drover.hub.retention.RetentionSchedule;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;

/**
 * Deletes audit entries older than {@code drover.hub.audit.retention} (365 days), at start and every
 * {@code drover.hub.audit.retention-interval}: the only deletion the table's trigger lets through.
 */
@ApplicationScoped
public class AuditRetention {

    private final AuditRepository repository;
    private final AuditConfig config;
    private final Vertx vertx;
    private RetentionSchedule schedule;

    public AuditRetention(AuditRepository repository, AuditConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        schedule = RetentionSchedule.start(vertx, config.retentionInterval(), "audit entries", this::purge);
    }

    void stop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.cancel();
        }
    }

    /** Deletes the entries older than the retention time; answers how many. */
    public Uni<Integer> purge() {
        return repository.purge(Instant.now().minus(config.retention()));
    }
}
