package dev.drover.hub.retention;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a retention purge at start and then every {@code interval} on a Vert.x timer, logging what it
 * deleted and why it could not; {@link #cancel()} stops it at shutdown.
 */
public final class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final Vertx vertx;
    private final long timerId;

    private RetentionSchedule(Vertx vertx, long timerId) {
        this.vertx = vertx;
        this.timerId = timerId;
    }

    /** Starts purging {@code what} (for the log: "audit entries") with {@code purge}, which answers how many it deleted. */
    public static RetentionSchedule start(Vertx vertx, Duration interval, String what, Supplier<Uni<Integer>> purge) {
        long timerId = vertx.setPeriodic(1, interval.toMillis(), id -> purge.get().subscribe().with(
                deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d %s past their retention", deleted, what);
                    }
                },
                failure -> LOG.warnf("cannot delete old %s: %s", what, failure.getMessage())));
        return new RetentionSchedule(vertx, timerId);
    }

    public void cancel() {
        vertx.cancelTimer(timerId);
    }
}
