package dev.drover.cli.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Keeps the services of {@code drover up} running: a service that exits is started again after a
 * delay that doubles with each failure up to a cap, and the console says which one, how it ended
 * and when it comes back. A service that fails {@link Policy#maxFailures()} times within
 * {@link Policy#window()} cannot come back: supervision ends with a message saying so, and the
 * caller stops the whole stack.
 */
public final class StackSupervisor {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final List<Service> services;
    private final Policy policy;
    private final PrintStream console;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Thread supervising;

    /**
     * One supervised service.
     *
     * @param name       what the console calls it
     * @param alive      whether it runs
     * @param exitStatus its exit status once it ended
     * @param restart    starts it again and waits until it serves; throws when it cannot
     * @param logTail    where its log is and its last lines, for the message when it cannot come back
     */
    public record Service(String name, BooleanSupplier alive, IntSupplier exitStatus, Runnable restart,
            Supplier<String> logTail) {
    }

    /**
     * When to restart and when to give up.
     *
     * @param firstDelay  the wait before the first restart
     * @param maxDelay    the longest wait before a restart (the delay doubles with each failure up to this)
     * @param maxFailures failures within {@code window} after which the service is given up
     * @param window      the span in which failures count
     */
    public record Policy(Duration firstDelay, Duration maxDelay, int maxFailures, Duration window) {

        /** 1 s, 2 s, 4 s, 8 s…, at most 30 s; given up after 5 failures within 5 minutes. */
        public static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(5));

        Duration delay(int failure) {
            Duration delay = firstDelay;
            for (int i = 1; i < failure && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    public StackSupervisor(List<Service> services, Policy policy, PrintStream console) {
        this.services = List.copyOf(services);
        this.policy = policy;
        this.console = console;
    }

    /**
     * Watches the services on the calling thread until {@link #stop()} is called (returns
     * {@code null}) or a service cannot come back (returns the message saying so).
     */
    public String supervise() {
        supervising = Thread.currentThread();
        try {
            while (!stopping) {
                for (Service service : services) {
                    if (stopping) {
                        return null;
                    }
                    if (!service.alive().getAsBoolean()) {
                        String givenUp = recover(service);
                        if (givenUp != null) {
                            return givenUp;
                        }
                    }
                }
                if (!pause(POLL)) {
                    return null;
                }
            }
            return null;
        } finally {
            ended.countDown();
        }
    }

    /** Ends supervision and waits (briefly) for a restart in progress to give up, so the caller can stop everything. */
    public void stop() {
        stopping = true;
        Thread thread = supervising;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                ended.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Restarts {@code service} until it runs again; returns why it cannot come back, or {@code null} once it runs or supervision stops. */
    private String recover(Service service) {
        Deque<Instant> recent = failures.computeIfAbsent(service.name(), name -> new ArrayDeque<>());
        String howItEnded = "exited with status " + service.exitStatus().getAsInt();
        while (!stopping) {
            Instant now = Instant.now();
            recent.addLast(now);
            while (recent.peekFirst().isBefore(now.minus(policy.window()))) {
                recent.removeFirst();
            }
            if (recent.size() >= policy.maxFailures()) {
                return service.name() + " failed " + recent.size() + " times within " + describe(policy.window())
                        + " (last: " + howItEnded + "); it cannot come back. " + service.logTail().get();
            }
            Duration delay = policy.delay(recent.size());
            console.println(LocalTime.now().format(CLOCK) + " " + service.name() + " " + howItEnded
                    + "; restarting it in " + describe(delay) + " (failure " + recent.size() + " of "
                    + policy.maxFailures() + " allowed within " + describe(policy.window()) + ")");
            if (!pause(delay)) {
                return null;
            }
            try {
                service.restart().run();
                console.println(LocalTime.now().format(CLOCK) + " " + service.name() + " is running again");
                return null;
            } catch (RuntimeException e) {
                if (stopping) {
                    return null;
                }
                howItEnded = "did not come back: " + e.getMessage().lines().findFirst().orElse("");
            }
        }
        return null;
    }

    /** Sleeps; false when supervision is stopping. */
    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return !stopping;
        } catch (InterruptedException e) {
            if (stopping) {
                return false;
            }
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Duration duration) {
        if (duration.toMinutes() > 0 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
