package dev.drover.hub.conversation.service;

import dev.drover.hub.conversation.repository.ConversationRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Deletes archived conversations past their retention ({@code drover.hub.conversations.retention}, or
 * the project's own in {@code project-retention}), at start and every {@code retention-interval}.
 */
@ApplicationScoped
public class ConversationRetention {

    private static final Logger LOG = Logger.getLogger(ConversationRetention.class);

    private final ConversationRepository repository;
    private final ConversationConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public ConversationRetention(ConversationRepository repository, ConversationConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(1, config.retentionInterval().toMillis(), id -> purge().subscribe().with(
                deleted -> { },
                failure -> LOG.warnf("cannot delete old conversations: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Deletes the conversations past their retention; answers how many. */
    public Uni<Integer> purge() {
        return repository.purge(config.projectRetention(), config.retention().orElse(null))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d conversations past their retention", deleted);
                    }
                });
    }
}
