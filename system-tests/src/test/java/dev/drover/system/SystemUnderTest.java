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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One whole system (PostgreSQL, hub, ingest, one daemon) for a test class, and what its tests
 * share; or only PostgreSQL and the hub, for tests that place daemons of their own. A test class
 * that starts one is extended with {@link StateCleanup}, which removes its state directory.
 */
public final class SystemUnderTest implements AutoCloseable {

    public static final String HOST = "system-test-host";
    /** State directories of started systems that {@link StateCleanup} has not taken yet. */
    private static final Queue<Path> STATES = new ConcurrentLinkedQueue<>();

    /** The Drover checkout: where the built services and web-ui/e2e are. */
    public final Path home;
    /** The stack's state directory: databases aside, everything the services keep. */
    public final Path state;
    public final LocalStack stack;
    public final HubClient admin;
    private String database;

    private SystemUnderTest(Path home, Path state, LocalStack stack) {
        this.home = home;
        this.state = state;
        this.stack = stack;
        this.admin = stack.adminClient();
    }

    /** PostgreSQL, the hub and the ingest on loopback, and the local daemon enrolled as {@link #HOST}. */
    public static SystemUnderTest start() throws IOException {
        String database = database();
        SystemUnderTest system = start(LocalStack.Ports.free(), stack -> stack.start(database, HOST));
        system.database = database;
        return system;
    }

    /** The hub's database, for tests that prepare data in it with SQL ({@code null} for the other ways to start). */
    public String databaseName() {
        return database;
    }

    /** As {@link #start()}, on {@code postgres} (e.g. an embedded one, as {@code drover up} runs). */
    static SystemUnderTest startOn(PostgresServer postgres) throws IOException {
        return start(LocalStack.Ports.free(), postgres, stack -> stack.start(database(), HOST));
    }

    /** As {@link #start()}, with the hub serving HTTPS only with {@code tls}. */
    static SystemUnderTest startTls(LocalStack.Tls tls) throws IOException {
        return start(LocalStack.Ports.free(), stack -> stack.useTls(tls).start(database(), HOST));
    }

    /** PostgreSQL and the hub listening on {@code bindHost}; no ingest, no daemon. */
    static SystemUnderTest startHub(String bindHost) throws IOException {
        return start(LocalStack.Ports.free(bindHost), stack -> stack.startHub(database()));
    }

    private static SystemUnderTest start(LocalStack.Ports ports, Consumer<LocalStack> starting) throws IOException {
        return start(ports, PostgresServer.forTests(), starting);
    }

    private static SystemUnderTest start(LocalStack.Ports ports, PostgresServer postgres, Consumer<LocalStack> starting)
            throws IOException {
        Path home = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("drover-system");
        STATES.add(state);
        LocalStack stack = new LocalStack(new StackLayout(home, state, state.resolve("daemon-profiles")), ports, StackSecrets.generate(), postgres);
        try {
            starting.accept(stack);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return new SystemUnderTest(home, state, stack);
    }

    private static String database() {
        return "drover_system_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** The id of the host named {@code hostName}. */
    public String hostId(String hostName) {
        for (JsonNode host : admin.hosts()) {
            if (hostName.equals(host.path("name").asText())) {
                return host.path("id").asText();
            }
        }
        throw new AssertionError("host " + hostName + " is not listed");
    }

    /** Spawns a plain bash (no profile, no rc files) on the local daemon's host and returns its session id. */
    public String spawnBash() {
        return spawnBash(hostId(HOST));
    }

    /** Spawns a plain bash (no profile, no rc files) on host {@code hostId} and returns its session id. */
    String spawnBash(String hostId) {
        JsonNode session = admin.call("POST", "/api/v1/sessions", Map.of(
                "hostId", hostId,
                "command", List.of("bash", "--noprofile", "--norc"),
                "cols", 120,
                "rows", 40));
        assertThat(session.path("state").asText()).isEqualTo("running");
        assertThat(session.path("hostId").asText()).isEqualTo(hostId);
        return session.path("id").asText();
    }

    /** How a session's agent exports telemetry: its {@code Authorization} header value and the ingest's OTLP endpoint. */
    public record OtlpWiring(String authorization, String endpoint) {
    }

    /** The session's OTLP wiring as its shell sees it (a bash session). */
    public OtlpWiring otlpWiring(String sessionId) {
        try (TerminalClient viewer = attach(sessionId, 0)) {
            viewer.type("echo \"H=$OTEL_EXPORTER_OTLP_HEADERS E=$OTEL_EXPORTER_OTLP_ENDPOINT .\"\n");
            Matcher match = viewer.awaitOutput(Pattern.compile("H=Authorization=(Bearer [A-Za-z0-9._-]+) E=(\\S+) \\."),
                    Duration.ofSeconds(20));
            return new OtlpWiring(match.group(1), match.group(2));
        }
    }

    TerminalClient attach(String sessionId, long from) {
        return TerminalClient.attach(stack.http(), stack.hubUrl(), sessionId, from, admin.token());
    }

    /** The daemon's project root: {@code DROVER_DAEMON_PROJECTS_ROOTS}, set by the failsafe configuration. */
    Path projectRoot() throws IOException {
        String root = System.getenv("DROVER_DAEMON_PROJECTS_ROOTS");
        assertThat(root).as("DROVER_DAEMON_PROJECTS_ROOTS (system-tests/pom.xml)").isNotBlank();
        return Files.createDirectories(Path.of(root));
    }

    /** Where the daemon creates worktrees (the default, {@code <state-dir>/worktrees}). */
    Path worktreesDir() throws IOException {
        return Files.createDirectories(state.resolve("daemon/worktrees"));
    }

    /** The state directories of the systems started since the last call, for {@link StateCleanup}. */
    static List<Path> takeStates() {
        List<Path> taken = new ArrayList<>();
        for (Path state = STATES.poll(); state != null; state = STATES.poll()) {
            taken.add(state);
        }
        return taken;
    }

    /**
     * Stops the services and ends the agents the local daemon's keeper still runs; the state
     * directory stays ({@link StateCleanup} deletes it when the test class passed).
     */
    @Override
    public void close() {
        stack.close();
        endKeeper(state.resolve("daemon"));
    }

    /** Ends the tmux server (and with it every session) of the daemon whose state directory is {@code daemonState}. */
    static void endKeeper(Path daemonState) {
        Path keeper = daemonState.resolve("tmux.sock");
        if (Files.exists(keeper)) {
            SystemCommand.attempt(List.of(List.of("tmux", "-S", keeper.toString(), "kill-server")));
        }
    }
}
