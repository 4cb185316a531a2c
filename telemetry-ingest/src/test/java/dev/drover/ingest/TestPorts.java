package dev.drover.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Free ports for the ingest's OTLP/gRPC server and for the stand-in hub ({@link dev.drover.ingest.forwarding.TestHub}),
 * and a fresh data directory for the outbox.
 */
public class TestPorts implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        String hubPort = Integer.toString(freePort());
        String otlpGrpcPort = Integer.toString(freePort());
        return Map.of(
                "drover.ingest.data-dir", temporaryDirectory().toString(),
                "drover.test.hub-port", hubPort,
                "quarkus.grpc.clients.hub.host", "localhost",
                "quarkus.grpc.clients.hub.port", hubPort,
                "quarkus.grpc.clients.hub.test-port", hubPort,
                "quarkus.grpc.server.test-port", otlpGrpcPort,
                "quarkus.grpc.clients.otlp.host", "localhost",
                "quarkus.grpc.clients.otlp.port", otlpGrpcPort);
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path temporaryDirectory() {
        try {
            dataDir = Files.createTempDirectory("drover-ingest-test");
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
