package dev.drover.daemon.hub;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th delay (from 0) is uniform in
 * {@code [0, min(max, min * 2^n)]}. Not thread-safe.
 */
public final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got min " + min + ", max " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** Upper bound of the delay before attempt {@code n} (0-based). */
    public Duration ceiling(int n) {
        long ceiling = minNanos;
        for (int i = 0; i < n && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        return Duration.ofNanos(Math.min(ceiling, maxNanos));
    }

    /** The delay before the next attempt; each call counts one more failed attempt. */
    public Duration next() {
        long ceiling = ceiling(attempt).toNanos();
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    /** Starts over after a successful connection. */
    public void reset() {
        attempt = 0;
    }
}
