package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theCeilingDoublesFromTheMinimumUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyDelayIsWithinZeroAndItsCeilingAndJitterSpreadsThem() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(42));
        long lowestAtCap = Long.MAX_VALUE;
        long highestAtCap = 0;
        for (int attempt = 0; attempt < 200; attempt++) {
            Duration delay = backoff.next();
            assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(attempt));
            if (attempt >= 6) {
                lowestAtCap = Math.min(lowestAtCap, delay.toMillis());
                highestAtCap = Math.max(highestAtCap, delay.toMillis());
            }
        }
        assertThat(lowestAtCap).isLessThan(5_000);
        assertThat(highestAtCap).isGreaterThan(25_000);
    }

    @Test
    void resetStartsOverFromTheMinimum() {
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), highest);
        backoff.next();
        backoff.next();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
