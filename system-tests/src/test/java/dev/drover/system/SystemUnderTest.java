package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import dev.drover.cli.stack.LocalStack;
import dev.drover.cli.stack.StackLayout;
import dev.drover.cli.stack.StackSecrets;
import dev.drover.postgres.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One whole system (PostgreSQL, hub, ingest, one daemon) for a test class, and what its tests share. */
public final class SystemUnderTest implements AutoCloseable {

    public static final String HOST = "system-test-host";

    /** The Drover checkout: where the built services and web-ui/e2e are. */
    public final Path home;
    public final LocalStack stack;
    public final HubClient admin;
    public final String hostId;
    private final Path state;

    private SystemUnderTest(Path home, Path state, LocalStack stack) {
        this.home = home;
        this.state = state;
        this.stack = stack;
        this.admin = stack.adminClient();
        this.hostId = hostId(admin);
    }

    public static SystemUnderTest start() throws IOException {
        Path home = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("drover-system");
        LocalStack stack = new LocalStack(new StackLayout(home, state), LocalStack.Ports.free(), StackSecrets.generate(),
                PostgresServer.forTests());
        stack.start("drover_system_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), HOST);
        return new SystemUnderTest(home, state, stack);
    }

    /** Spawns a plain bash (no profile, no rc files) on the test host and returns its session id. */
    String spawnBash() {
        JsonNode session = admin.call("POST", "/api/v1/sessions", Map.of(
                "hostId", hostId,
                "command", List.of("bash", "--noprofile", "--norc"),
                "cols", 120,
                "rows", 40));
        assertThat(session.path("state").asText()).isEqualTo("running");
        return session.path("id").asText();
    }

    TerminalClient attach(String sessionId, long from) {
        return TerminalClient.attach(stack.hubUrl(), sessionId, from, admin.token());
    }

    /** Stops the services and ends the agents the daemon's keeper still runs. */
    @Override
    public void close() throws IOException, InterruptedException {
        stack.close();
        Path keeper = state.resolve("daemon/tmux.sock");
        if (Files.exists(keeper)) {
            new ProcessBuilder("tmux", "-S", keeper.toString(), "kill-server").inheritIO().start().waitFor();
        }
    }

    private static String hostId(HubClient admin) {
        for (JsonNode host : admin.hosts()) {
            if (HOST.equals(host.path("name").asText())) {
                return host.path("id").asText();
            }
        }
        throw new AssertionError("the enrolled daemon's host is not listed");
    }
}
