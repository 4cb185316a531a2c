package dev.drover.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures how soon a session's activity on the hub follows what its agent shows on the terminal. */
final class ActivityWatch {

    /** The target: a session's state right within 1 s of the agent showing it (DESIGN, Targets). */
    static final Duration TARGET = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 20;

    private ActivityWatch() {
    }

    /**
     * Polls until both happened and answers when each was first seen: {@code shown} (the terminal
     * shows it) and {@code reached} (the hub says it).
     */
    static Instant[] until(Duration within, BooleanSupplier shown, BooleanSupplier reached) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Instant[] seen = new Instant[2];
        while (seen[0] == null || seen[1] == null) {
            assertThat(Instant.now()).as("shown at %s, reached at %s", seen[0], seen[1]).isBefore(deadline);
            if (seen[0] == null && shown.getAsBoolean()) {
                seen[0] = Instant.now();
            }
            if (seen[1] == null && reached.getAsBoolean()) {
                seen[1] = Instant.now();
            }
            Thread.sleep(POLL_MILLIS);
        }
        return seen;
    }

    /** Prints the three delays of one approval cycle and checks each against the target. */
    static void report(String cli, Duration toApproval, Duration toWorking, Duration toIdle) {
        System.out.printf("activity delays, %s: needs-approval %d ms after the prompt showed, working %d ms after the "
                + "approval, idle %d ms after the answer showed%n", cli, toApproval.toMillis(), toWorking.toMillis(),
                toIdle.toMillis());
        assertThat(toApproval).as("needs-approval after the prompt showed").isLessThanOrEqualTo(TARGET);
        assertThat(toWorking).as("working after the approval").isLessThanOrEqualTo(TARGET);
        assertThat(toIdle).as("idle after the answer showed").isLessThanOrEqualTo(TARGET);
    }
}
