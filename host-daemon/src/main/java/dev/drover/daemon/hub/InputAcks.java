package dev.drover.daemon.hub;

import dev.drover.protocol.daemon.DaemonMessage;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Acknowledges the input of one connection that the sessions' keepers took ({@code input-written}),
 * so the hub sends more: at once when {@link #BATCH} bytes of a session are due, else together
 * after {@link #DELAY_MILLIS}, so typing costs no message per keystroke.
 */
final class InputAcks {

    /** Input bytes of a session taken by its keeper that make an {@code input-written} go at once. */
    static final long BATCH = 16 * 1024;
    /** How long taken input bytes below {@link #BATCH} wait to be acknowledged together. */
    static final long DELAY_MILLIS = 20;

    private final Vertx vertx;
    private final ExecutorService work;
    private final Consumer<DaemonMessage.InputWritten> send;
    /** Input bytes per session that its keeper took and the hub has not been told of yet. */
    private final Map<UUID, Long> taken = new ConcurrentHashMap<>();
    private final AtomicBoolean timer = new AtomicBoolean();

    InputAcks(Vertx vertx, ExecutorService work, Consumer<DaemonMessage.InputWritten> send) {
        this.vertx = vertx;
        this.work = work;
        this.send = send;
    }

    /** Counts {@code bytes} of input to {@code sessionId} as taken (or dropped: the session does not run). */
    void taken(UUID sessionId, long bytes) {
        if (taken.merge(sessionId, bytes, Long::sum) >= BATCH) {
            work.execute(() -> acknowledge(sessionId));
        } else if (timer.compareAndSet(false, true)) {
            vertx.setTimer(DELAY_MILLIS, id -> {
                timer.set(false);
                work.execute(() -> taken.keySet().forEach(this::acknowledge));
            });
        }
    }

    private void acknowledge(UUID sessionId) {
        Long bytes = taken.remove(sessionId);
        if (bytes != null) {
            send.accept(new DaemonMessage.InputWritten(sessionId, bytes));
        }
    }
}
