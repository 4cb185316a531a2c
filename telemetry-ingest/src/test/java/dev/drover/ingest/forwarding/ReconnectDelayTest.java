package dev.drover.ingest.forwarding;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectDelayTest {

    @Test
    void delaysDoubleUpToTheCapWithJitterAndStartOverAfterAWorkingConnection() {
        ReconnectDelay delay = new ReconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(delay.next()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(delay.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(delay.next()).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        for (int i = 0; i < 40; i++) {
            assertThat(delay.next()).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertThat(delay.next()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        delay.reset();
        assertThat(delay.next()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }
}
