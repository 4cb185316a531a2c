package dev.drover.ingest.forwarding;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter between reconnection attempts that starts over once a
 * connection has worked: a hub that was up for hours and restarts is dialled again after
 * {@code initial}, not after the cap its last outage reached.
 */
final class ReconnectDelay {

    private final Duration initial;
    private final Duration max;
    private int failures;

    ReconnectDelay(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The wait before the next attempt: half to all of min(max, initial × 2^failures). */
    synchronized Duration next() {
        long cap = initial.toMillis() << Math.min(failures, 30);
        long bound = Math.min(max.toMillis(), cap <= 0 ? max.toMillis() : cap);
        failures++;
        return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }

    /** The connection works (the hub acknowledged something): the next failure waits {@code initial} again. */
    synchronized void reset() {
        failures = 0;
    }
}
