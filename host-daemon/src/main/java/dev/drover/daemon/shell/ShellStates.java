package dev.drover.daemon.shell;

import dev.drover.daemon.session.OutputTap;
import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The shell state of every running session, as its output's integration marks tell it, and the
 * changes to report to the hub: only a state that differs from the last one reported, at most one per
 * {@link #MIN_INTERVAL} per session (a burst reports its last state when the interval is over).
 */
@ApplicationScoped
public class ShellStates {

    /** The shortest time between two reports of one session. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(250);

    private final Map<UUID, Tracked> sessions = new ConcurrentHashMap<>();
    private final Set<Consumer<DaemonMessage.ShellState>> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("shell-states").daemon().factory());

    /** Starts following a session's shell; the answer is to be shown the session's output from its oldest byte. */
    public OutputTap track(UUID sessionId) {
        Tracked tracked = new Tracked(sessionId);
        sessions.put(sessionId, tracked);
        return tracked.tracker;
    }

    /** Stops following a session (it exited). */
    public void forget(UUID sessionId) {
        sessions.remove(sessionId);
    }

    /** A session's shell state, when its output carried integration marks. */
    public Optional<DaemonMessage.ShellState> current(UUID sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(tracked -> tracked.tracker.current());
    }

    /** The state of every followed session whose output carried integration marks. */
    public List<DaemonMessage.ShellState> all() {
        return sessions.values().stream()
                .map(tracked -> tracked.tracker.current())
                .filter(Objects::nonNull)
                .toList();
    }

    /** Registers a callback for reportable changes; it runs on a timer thread and must not block. */
    public void onChange(Consumer<DaemonMessage.ShellState> listener) {
        listeners.add(listener);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** One followed session and its report pacing. */
    private final class Tracked {

        private final ShellTracker tracker;
        private long lastReport = System.nanoTime() - MIN_INTERVAL.toNanos();
        private boolean queued;
        private DaemonMessage.ShellState reported;

        Tracked(UUID sessionId) {
            this.tracker = new ShellTracker(sessionId, this::changed);
        }

        private synchronized void changed() {
            if (!queued) {
                queued = true;
                long delay = Math.max(0, lastReport + MIN_INTERVAL.toNanos() - System.nanoTime());
                timer.schedule(this::report, delay, TimeUnit.NANOSECONDS);
            }
        }

        private void report() {
            DaemonMessage.ShellState state;
            synchronized (this) {
                queued = false;
                lastReport = System.nanoTime();
                state = tracker.current();
                if (state.equals(reported)) {
                    return;
                }
                reported = state;
            }
            listeners.forEach(listener -> listener.accept(state));
        }
    }
}
