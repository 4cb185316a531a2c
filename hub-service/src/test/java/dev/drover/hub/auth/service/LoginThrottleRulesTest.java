package dev.drover.hub.auth.service;

import dev.drover.hub.config.HubConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's arithmetic on a clock the test moves. */
class LoginThrottleRulesTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Rules(), () -> now);

    private record Rules() implements HubConfig.Login {
        public int accountFreeFailures() {
            return 2;
        }

        public int addressFreeFailures() {
            return 4;
        }

        public Duration baseBackoff() {
            return Duration.ofSeconds(1);
        }

        public Duration maxBackoff() {
            return Duration.ofSeconds(5);
        }

        public Duration forgetAfter() {
            return Duration.ofMinutes(15);
        }

        public Duration liveCheckCache() {
            return Duration.ofSeconds(2);
        }

        public Duration socketCheckInterval() {
            return Duration.ofSeconds(5);
        }
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheWaitUpToTheMaximum() {
        assertThat(throttle.begin("alice", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.1")).as("the third attempt is the first beyond the free ones").isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
        now = now.plusSeconds(1);
        assertThat(throttle.begin("alice", "10.0.0.1")).isEmpty();
        assertThat(throttle.begin("alice", "10.0.0.1")).contains(Duration.ofSeconds(2));
        assertThat(throttle.backoff(10)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anAddressGuessingManyNamesIsThrottled() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin("user" + i, "10.0.0.2")).isEmpty();
        }
        Optional<Duration> wait = throttle.begin("someone-else", "10.0.0.2");
        assertThat(wait).contains(Duration.ofSeconds(1));
        assertThat(throttle.begin("someone-else", "10.0.0.3")).as("another address may try").isEmpty();
    }

    @Test
    void successClearsTheAccountButOnlyItsOwnAttemptOfTheAddress() {
        throttle.begin("bob", "10.0.0.4");
        throttle.begin("bob", "10.0.0.4");
        throttle.begin("bob", "10.0.0.4");
        now = now.plusSeconds(1);
        throttle.begin("bob", "10.0.0.4");
        throttle.succeeded("bob", "10.0.0.4");
        assertThat(throttle.begin("bob", "10.0.0.9")).isEmpty();
        assertThat(throttle.begin("carol", "10.0.0.4")).as("the address keeps three of its four attempts").isEmpty();
        assertThat(throttle.begin("dave", "10.0.0.4")).isEmpty();
        assertThat(throttle.begin("frank", "10.0.0.4")).contains(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        for (int i = 0; i < 4; i++) {
            throttle.begin("erin", "10.0.0.5");
        }
        assertThat(throttle.begin("erin", "10.0.0.5")).isPresent();
        now = now.plus(Duration.ofMinutes(16));
        assertThat(throttle.begin("erin", "10.0.0.5")).isEmpty();
    }
}
