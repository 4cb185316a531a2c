package dev.drover.daemon.hub;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.drover.daemon.enrollment.CredentialStore;
import dev.drover.daemon.project.Repos;

/**
 * Points the daemon at the fake hub inside the test application (same HTTP port) and gives it a
 * fresh state directory holding an enrolled credential and, as its only project root, a directory
 * with one git repository ({@code shop}); once the application has stopped, ends the sessions its
 * tmux server kept and deletes that directory.
 */
public class FakeHubResource implements QuarkusTestResourceLifecycleManager {

    static final String CREDENTIAL = "test.host.credential";

    private Path stateDir;

    @Override
    public Map<String, String> start() {
        try {
            stateDir = Files.createTempDirectory("drover-daemon-test");
            new CredentialStore(stateDir).save(CREDENTIAL);
            Path projects = Files.createDirectories(stateDir.resolve("projects"));
            Repos.init(projects.resolve("shop"));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            return Map.of(
                    "quarkus.http.test-port", String.valueOf(port),
                    "drover.daemon.hub-url", "http://127.0.0.1:" + port,
                    "drover.daemon.state-dir", stateDir.toString(),
                    "drover.daemon.projects.roots", projects.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (stateDir == null) {
            return;
        }
        try {
            Path keeper = stateDir.resolve("tmux.sock");
            if (Files.exists(keeper)) {
                new ProcessBuilder("tmux", "-S", keeper.toString(), "kill-server").inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(FakeHubResource::delete);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
