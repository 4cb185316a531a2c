package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and its publisher over a real gRPC stream to a stand-in hub, stopped and started again over the
 * same data directory as an ingest restart does.
 */
class OutboxRestartTest {

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private TestHub hub;
    private int port;

    @BeforeEach
    void createHub() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        vertx = Vertx.vertx();
        hub = new TestHub(vertx, port);
    }

    @AfterEach
    void closeHub() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void restartOfTheIngestNoLongerLosesAcceptedUnacknowledgedEvents() {
        IngestConfig config = OutboxTest.config(dataDir, 100, 100);
        TelemetryEvent plus42 = TelemetryEvent.newBuilder().setEventId("b-plus-42").setSessionId("session-b")
                .setUsage(UsageDelta.newBuilder().setModel("claude-sonnet-4").setInputTokens(42)).build();

        Running first = new Running(config);
        first.outbox.addAll("session-b", List.of(plus42));
        first.stop();
        hub.start();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(hub.deliveriesOf("session-b")).isZero());

        Running second = new Running(config);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.outbox.size() == 0);
        second.stop();
        long deliveries = hub.deliveriesOf("session-b");

        Running third = new Running(config);
        assertThat(third.outbox.size()).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(hub.deliveriesOf("session-b")).isEqualTo(deliveries));
        third.stop();
        assertThat(hub.eventsOf("session-b")).containsExactly(plus42);
    }

    /**
     * One life of the ingest's forwarding: its outbox over the data directory and its stream to the
     * hub, over a connection of its own that ends with it, as a process's would.
     */
    private final class Running {
        private final ManagedChannel channel;
        private final Outbox outbox;
        private final HubPublisher publisher;

        private Running(IngestConfig config) {
            channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
            outbox = new Outbox(config);
            publisher = new HubPublisher(MutinyTelemetryStreamGrpc.newMutinyStub(channel), outbox, config);
            publisher.start(null);
        }

        private void stop() {
            publisher.stop(null);
            channel.shutdownNow();
            outbox.close(null);
        }
    }
}
