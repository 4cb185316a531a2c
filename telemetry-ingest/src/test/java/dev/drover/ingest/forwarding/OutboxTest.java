package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    @TempDir
    Path dataDir;

    private final List<Outbox> opened = new ArrayList<>();

    @AfterEach
    void closeOutboxes() {
        opened.forEach(outbox -> outbox.close(null));
    }

    @Test
    void fullOutboxRefusesExportsUntilTheHubAcknowledges() {
        Outbox outbox = open(2, 2);
        outbox.addAll("s", List.of(event("a", "s"), event("b", "s")));

        assertThatThrownBy(() -> outbox.addAll("t", List.of(event("c", "t")))).isInstanceOf(OutboxFullException.class);
        assertThat(outbox.isFull()).isTrue();

        outbox.acknowledge("a");

        outbox.addAll("t", List.of(event("c", "t")));
        assertThat(outbox.size()).isEqualTo(2);
    }

    @Test
    void oneSessionFillingTheOutboxNoLongerStopsEverySession() {
        Outbox outbox = open(10, 3);
        outbox.addAll("greedy", List.of(event("g1", "greedy"), event("g2", "greedy"), event("g3", "greedy")));

        assertThatThrownBy(() -> outbox.addAll("greedy", List.of(event("g4", "greedy"))))
                .isInstanceOfSatisfying(SessionShareExceededException.class, e -> assertThat(e.fitsAtAll()).isTrue());
        outbox.addAll("modest", List.of(event("m1", "modest")));

        assertThat(outbox.size()).isEqualTo(4);
        assertThat(outbox.isFull()).isFalse();
        outbox.acknowledge("g1");
        outbox.addAll("greedy", List.of(event("g4", "greedy")));
    }

    @Test
    void exportLargerThanASessionsShareNeverFitsAndNothingOfItIsKept() {
        Outbox outbox = open(10, 2);

        assertThatThrownBy(() -> outbox.addAll("s", List.of(event("a", "s"), event("b", "s"), event("c", "s"))))
                .isInstanceOfSatisfying(SessionShareExceededException.class, e -> assertThat(e.fitsAtAll()).isFalse());
        assertThat(outbox.size()).isZero();
    }

    @Test
    void newStreamGetsEveryPendingEventInOrderThenNewOnes() {
        Outbox outbox = open(10, 10);
        outbox.addAll("s", List.of(event("a", "s"), event("b", "s")));
        outbox.acknowledge("a");
        List<String> sent = new ArrayList<>();

        outbox.attach(e -> sent.add(e.getEventId()));
        outbox.addAll("s", List.of(event("c", "s")));

        assertThat(sent).containsExactly("b", "c");
    }

    @Test
    void eventAlreadyPendingIsNotSentTwice() {
        Outbox outbox = open(10, 10);
        List<String> sent = new ArrayList<>();
        outbox.attach(e -> sent.add(e.getEventId()));

        outbox.addAll("s", List.of(event("a", "s")));
        outbox.addAll("s", List.of(event("a", "s")));

        assertThat(sent).containsExactly("a");
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void detachedStreamGetsNothingMore() {
        Outbox outbox = open(10, 10);
        List<String> sent = new ArrayList<>();
        Consumer<TelemetryEvent> stream = e -> sent.add(e.getEventId());
        outbox.attach(stream);

        outbox.detach(stream);
        outbox.addAll("s", List.of(event("a", "s")));

        assertThat(sent).isEmpty();
        assertThat(outbox.size()).isEqualTo(1);
    }

    /** An acknowledged event whose segment still holds pending ones is sent again: the hub applies it once by id. */
    @Test
    void acceptedButUnacknowledgedEventsSurviveARestart() {
        Outbox before = open(10, 10);
        TelemetryEvent plus42 = usage("b-42", "session-b", 42);
        before.addAll("session-a", List.of(usage("a-1", "session-a", 1), usage("a-2", "session-a", 2)));
        before.addAll("session-b", List.of(plus42));
        before.acknowledge("a-1");

        Outbox after = open(10, 10);
        List<TelemetryEvent> sent = new ArrayList<>();
        after.attach(sent::add);

        assertThat(sent).extracting(TelemetryEvent::getEventId).containsSubsequence("a-2", "b-42");
        assertThat(sent).contains(plus42);
    }

    @Test
    void segmentsAreDeletedOnceEveryEventInThemIsAcknowledged() throws IOException {
        Outbox outbox = open(10, 10);
        outbox.addAll("s", List.of(event("a", "s"), event("b", "s")));
        assertThat(segments()).hasSize(1);

        outbox.acknowledge("a");
        assertThat(segments()).hasSize(1);
        outbox.acknowledge("b");

        assertThat(segments()).isEmpty();
        assertThat(open(10, 10).size()).isZero();
    }

    @Test
    void tornRecordAtTheEndIsDroppedAndTheRestRecovered() throws IOException {
        Outbox before = open(10, 10);
        before.addAll("s", List.of(event("a", "s")));
        before.close(null);
        Path segment = segments().getFirst();
        Files.write(segment, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);

        Outbox after = open(10, 10);
        List<String> sent = new ArrayList<>();
        after.attach(e -> sent.add(e.getEventId()));
        after.addAll("s", List.of(event("b", "s")));

        assertThat(sent).containsExactly("a", "b");
        assertThat(open(10, 10).size()).isEqualTo(2);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
            return files.sorted().toList();
        }
    }

    private Outbox open(int capacity, int sessionCapacity) {
        Outbox outbox = new Outbox(config(dataDir, capacity, sessionCapacity));
        opened.add(outbox);
        return outbox;
    }

    private static TelemetryEvent event(String id, String session) {
        return TelemetryEvent.newBuilder().setEventId(id).setSessionId(session).build();
    }

    private static TelemetryEvent usage(String id, String session, long input) {
        return TelemetryEvent.newBuilder().setEventId(id).setSessionId(session)
                .setUsage(UsageDelta.newBuilder().setModel("m").setInputTokens(input)).build();
    }

    static IngestConfig config(Path dataDir, int capacity, int sessionCapacity) {
        return new IngestConfig() {
            @Override
            public String hubUrl() {
                return "http://localhost:8420";
            }

            @Override
            public String hubSecret() {
                return "test-hub-secret";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public Path profilesDir() {
                return dataDir.resolve("profiles");
            }

            @Override
            public int outboxCapacity() {
                return capacity;
            }

            @Override
            public int outboxSessionCapacity() {
                return sessionCapacity;
            }

            @Override
            public long outboxSegmentSize() {
                return 1024;
            }

            @Override
            public long maxBodySize() {
                return 1024;
            }

            @Override
            public long maxDecompressedBodySize() {
                return 1024;
            }

            @Override
            public Duration sessionCheckCache() {
                return Duration.ofMillis(100);
            }

            @Override
            public Reconnect reconnect() {
                return new Reconnect() {
                    @Override
                    public Duration initialBackoff() {
                        return Duration.ofMillis(10);
                    }

                    @Override
                    public Duration maxBackoff() {
                        return Duration.ofMillis(100);
                    }
                };
            }
        };
    }
}
