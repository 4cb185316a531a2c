package dev.drover.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/**
 * Free ports for the ingest's OTLP/gRPC server and for the stand-in hub ({@link dev.drover.ingest.forwarding.TestHub}),
 * and a fresh data directory for the outbox.
 */
public class TestPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String hubPort = Integer.toString(freePort());
        String otlpGrpcPort = Integer.toString(freePort());
        return Map.of(
                "drover.ingest.data-dir", temporaryDirectory(),
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
        // nothing to release: the ports were only looked up
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("drover-ingest-test").toString();
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
