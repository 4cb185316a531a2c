package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.TelemetryEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private final Outbox outbox = new Outbox(config(2));

    @Test
    void fullOutboxRefusesExportsUntilTheHubAcknowledges() {
        outbox.addAll(List.of(event("a"), event("b")));

        assertThatThrownBy(outbox::requireRoom).isInstanceOf(OutboxFullException.class);
        assertThat(outbox.isFull()).isTrue();

        outbox.acknowledge("a");

        outbox.requireRoom();
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void newStreamGetsEveryPendingEventInOrderThenNewOnes() {
        outbox.addAll(List.of(event("a"), event("b")));
        outbox.acknowledge("a");
        List<String> sent = new ArrayList<>();

        outbox.attach(e -> sent.add(e.getEventId()));
        outbox.addAll(List.of(event("c")));

        assertThat(sent).containsExactly("b", "c");
    }

    @Test
    void eventAlreadyPendingIsNotSentTwice() {
        List<String> sent = new ArrayList<>();
        outbox.attach(e -> sent.add(e.getEventId()));

        outbox.addAll(List.of(event("a")));
        outbox.addAll(List.of(event("a")));

        assertThat(sent).containsExactly("a");
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void detachedStreamGetsNothingMore() {
        List<String> sent = new ArrayList<>();
        Consumer<TelemetryEvent> stream = e -> sent.add(e.getEventId());
        outbox.attach(stream);

        outbox.detach(stream);
        outbox.addAll(List.of(event("a")));

        assertThat(sent).isEmpty();
        assertThat(outbox.size()).isEqualTo(1);
    }

    private static TelemetryEvent event(String id) {
        return TelemetryEvent.newBuilder().setEventId(id).setSessionId("s").build();
    }

    private static IngestConfig config(int capacity) {
        return new IngestConfig() {
            @Override
            public String hubUrl() {
                return "http://localhost:8420";
            }

            @Override
            public String hubSecret() {
                return "secret";
            }

            @Override
            public int outboxCapacity() {
                return capacity;
            }

            @Override
            public long maxDecompressedBodySize() {
                return 1024;
            }

            @Override
            public Reconnect reconnect() {
                return new Reconnect() {
                    @Override
                    public Duration initialBackoff() {
                        return Duration.ofMillis(1);
                    }

                    @Override
                    public Duration maxBackoff() {
                        return Duration.ofMillis(1);
                    }
                };
            }
        };
    }
}
