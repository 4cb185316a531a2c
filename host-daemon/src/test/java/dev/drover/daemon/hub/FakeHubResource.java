package dev.drover.daemon.hub;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.drover.daemon.enrollment.CredentialStore;

/**
 * Points the daemon at the fake hub inside the test application (same HTTP port) and gives it a
 * fresh state directory holding an enrolled credential.
 */
public class FakeHubResource implements QuarkusTestResourceLifecycleManager {

    static final String CREDENTIAL = "test.host.credential";

    @Override
    public Map<String, String> start() {
        try {
            Path stateDir = Files.createTempDirectory("drover-daemon-test");
            new CredentialStore(stateDir).save(CREDENTIAL);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            return Map.of(
                    "quarkus.http.test-port", String.valueOf(port),
                    "drover.daemon.hub-url", "http://127.0.0.1:" + port,
                    "drover.daemon.state-dir", stateDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
