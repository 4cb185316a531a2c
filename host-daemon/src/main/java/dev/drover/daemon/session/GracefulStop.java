package dev.drover.daemon.session;

import java.io.IOException;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Stops a session's process group the polite way: SIGHUP, SIGTERM 2 s later, SIGKILL 5 s after that,
 * stopping as soon as the process is gone.
 */
public final class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);
    private static final long POLL_MILLIS = 20;

    private GracefulStop() {
    }

    /** Starts the sequence on a virtual thread; {@code alive} tells whether the process still runs. */
    public static void start(UUID sessionId, long pid, BooleanSupplier alive) {
        Thread.ofVirtual().name("stop-" + sessionId).start(() -> {
            try {
                for (Signal signal : Signal.values()) {
                    if (!alive.getAsBoolean()) {
                        return;
                    }
                    send(sessionId, pid, signal);
                    long deadline = System.currentTimeMillis() + signal.grace;
                    while (alive.getAsBoolean() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void send(UUID sessionId, long pid, Signal signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-s", signal.name(), "--", "-" + pid, String.valueOf(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            LOG.warnf("session %s: could not send SIG%s to %d: %s", sessionId, signal, pid, e.getMessage());
        }
    }

    private enum Signal {
        HUP(2000), TERM(5000), KILL(5000);

        final long grace;

        Signal(long grace) {
            this.grace = grace;
        }
    }
}
