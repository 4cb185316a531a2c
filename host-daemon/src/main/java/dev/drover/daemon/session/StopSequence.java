package dev.drover.daemon.session;

import dev.drover.profiles.AgentProfile.StopStep;
import dev.drover.profiles.StopSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stops a session the way its profile says: each step types text into the terminal (Ctrl-C,
 * {@code /exit}) or signals the session's program ({@link RunningSession#signalTargets}), then
 * waits up to its timeout for the process to end (a short timeout after text is a pause before the
 * next step's keys); the sequence stops as soon as it has. Profiles end with SIGKILL, so a session
 * always ends.
 */
public final class StopSequence {

    private static final Logger LOG = Logger.getLogger(StopSequence.class);
    private static final long POLL_MILLIS = 20;

    /** For sessions without a profile's sequence: terminate, then kill. */
    public static final List<StopStep> DEFAULT = List.of(new StopStep(null, StopSignal.TERM, "5s"),
            new StopStep(null, StopSignal.KILL, "5s"));

    private StopSequence() {
    }

    /** Runs {@code steps} against {@code session} on a virtual thread. */
    public static void start(RunningSession session, List<StopStep> steps) {
        Thread.ofVirtual().name("stop-" + session.id()).start(() -> {
            try {
                for (StopStep step : steps) {
                    if (!session.alive()) {
                        return;
                    }
                    if (step.send() != null) {
                        type(session, step);
                    } else {
                        signal(session, step.signal().name());
                    }
                    long deadline = System.nanoTime() + step.timeoutDuration().toNanos();
                    while (session.alive() && System.nanoTime() < deadline) {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Types the step's text and waits (up to the step's timeout) until it reached the terminal, so
     * the step's wait starts from there: a pause between two steps keeps their texts in two reads.
     */
    private static void type(RunningSession session, StopStep step) throws InterruptedException {
        LOG.debugf("session %s: stop step types %d chars", session.id(), step.send().length());
        try {
            session.write(step.send().getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                    .get(step.timeoutDuration().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("session %s: a stop step's text was not delivered: %s", session.id(), e.getMessage());
        }
    }

    private static void signal(RunningSession session, String signal) throws InterruptedException {
        List<String> targets = session.signalTargets();
        LOG.debugf("session %s: stop step sends SIG%s to %s", session.id(), signal, targets);
        if (targets.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal, "--"));
        command.addAll(targets);
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            LOG.warnf("session %s: could not send SIG%s to %d: %s", session.id(), signal, session.pid(), e.getMessage());
        }
    }
}
