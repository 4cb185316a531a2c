package dev.drover.hub.conversation.service;

import dev.drover.hub.conversation.repository.ConversationRepository;
import dev.drover.hub.retention.RetentionSchedule;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes archived conversations past their retention ({@code drover.hub.conversations.retention}, or
 * the project's own in {@code project-retention}), at start and every {@code retention-interval}.
 */
@ApplicationScoped
public class ConversationRetention {

    private final ConversationRepository repository;
    private final ConversationConfig config;
    private final Vertx vertx;
    private RetentionSchedule schedule;

    public ConversationRetention(ConversationRepository repository, ConversationConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        schedule = RetentionSchedule.start(vertx, config.retentionInterval(), "conversations", this::purge);
    }

    void stop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.cancel();
        }
    }

    /** Deletes the conversations past their retention; answers how many. */
    public Uni<Integer> purge() {
        return repository.purge(config.projectRetention(), config.retention().orElse(null));
    }
}
