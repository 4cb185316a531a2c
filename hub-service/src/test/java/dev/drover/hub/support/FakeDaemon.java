package dev.drover.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/**
 * A daemon stand-in speaking the real protocol over a real WebSocket. Unless made silent, it sends
 * a {@code heartbeat} every {@link #HEARTBEAT_INTERVAL} after {@code welcome}, as a real daemon does.
 */
public final class FakeDaemon implements AutoCloseable {

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);
    /** The health every heartbeat of a fake daemon reports. */
    public static final Map<String, Object> HEALTH = Map.ofEntries(
            Map.entry("cpuPercent", 12.5), Map.entry("memoryTotalBytes", 16_000_000_000L),
            Map.entry("memoryAvailableBytes", 6_000_000_000L), Map.entry("diskTotalBytes", 500_000_000_000L),
            Map.entry("diskFreeBytes", 200_000_000_000L), Map.entry("load1", 0.5), Map.entry("load5", 0.25),
            Map.entry("load15", 0.125), Map.entry("os", "Linux"), Map.entry("kernelVersion", "6.8.0-test"),
            Map.entry("daemonVersion", "0.1.0-test"), Map.entry("tmuxVersion", "tmux 3.4"),
            Map.entry("sessionIsolation", "unavailable"),
            Map.entry("sessionIsolationReason", "unshare: unshare failed: Operation not permitted"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The profiles a fake daemon offers: bash, any command, Claude (installed) and Codex (missing). */
    public static final List<Map<String, Object>> PROFILES = List.of(
            profile("bash", "Bash", List.of("new"), "none", false, true),
            profile("command", "Any command", List.of("new"), "none", true, true),
            profile("claude", "Claude Code", List.of("new", "resume", "continue"), "preassigned", false, true),
            profile("codex", "Codex", List.of("new", "resume", "continue"), "captured", false, false));

    private static Map<String, Object> profile(String id, String name, List<String> modes, String agentSessionId,
            boolean userCommand, boolean installed) {
        Map<String, Object> profile = new java.util.LinkedHashMap<>();
        profile.put("id", id);
        profile.put("name", name);
        profile.put("description", "");
        profile.put("modes", modes);
        profile.put("agentSessionId", agentSessionId);
        profile.put("userCommand", userCommand);
        profile.put("takesPrompt", !userCommand && !id.equals("bash"));
        profile.put("installed", installed);
        profile.put("version", installed ? "1.2.3" : null);
        profile.put("path", installed ? "/usr/bin/" + id : null);
        profile.put("problem", installed ? null : id + " is not on the PATH");
        return profile;
    }

    public final WsClient socket;
    public final UUID hostId;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    private FakeDaemon(WsClient socket, UUID hostId) {
        this.socket = socket;
        this.hostId = hostId;
    }

    /**
     * Connects, says hello (reporting {@code sessions}), waits for {@code welcome}, offers
     * {@link #PROFILES} and waits until the hub shows them, and starts heartbeats.
     */
    public static FakeDaemon connect(URI base, Api.Enrolled host, List<Map<String, Object>> sessions) throws Exception {
        FakeDaemon daemon = connectSilent(base, host, sessions);
        daemon.heartbeats.scheduleAtFixedRate(daemon::heartbeat, 0, HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        String admin = Api.adminToken();
        org.awaitility.Awaitility.await().until(() -> given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .<List<Object>>path("agents").size() == PROFILES.size());
        return daemon;
    }

    /**
     * Like {@link #connect} but never sends a heartbeat nor answers a close frame (a daemon whose
     * network went quiet), and does not wait for the hub to show its profiles.
     */
    public static FakeDaemon connectSilent(URI base, Api.Enrolled host, List<Map<String, Object>> sessions)
            throws Exception {
        FakeDaemon daemon = connectBeforeItsOffer(base, host, sessions);
        daemon.send(Map.of("type", "profiles", "profiles", PROFILES, "problems", List.of()));
        daemon.socket.goSilent();
        return daemon;
    }

    /** Connects, says hello and waits for {@code welcome}, and offers no profiles yet: a daemon just online. */
    public static FakeDaemon connectBeforeItsOffer(URI base, Api.Enrolled host, List<Map<String, Object>> sessions)
            throws Exception {
        WsClient socket = WsClient.connect(WsClient.ws(base, "/api/v1/daemon/connect"), host.credential());
        FakeDaemon daemon = new FakeDaemon(socket, host.id());
        daemon.send(Map.of("type", "hello", "protocolVersion", 1, "daemonVersion", "0.1.0-test",
                "hostname", "fake.example", "os", "linux", "arch", "amd64", "sessions", sessions));
        JsonNode welcome = daemon.next();
        if (!"welcome".equals(welcome.path("type").asText())) {
            throw new AssertionError("expected welcome, got " + welcome);
        }
        return daemon;
    }

    /** Stops heartbeats and answers no close frame from now on: the network went quiet. */
    public void goQuiet() {
        heartbeats.shutdownNow();
        socket.goSilent();
    }

    private void heartbeat() {
        try {
            send(Map.of("type", "heartbeat", "health", HEALTH));
        } catch (Exception e) {
            heartbeats.shutdown();
        }
    }

    public void send(Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message));
    }

    public JsonNode next() throws Exception {
        return JSON.readTree(socket.nextText());
    }

    /** The next text message, which must be of {@code type}. */
    public JsonNode expect(String type) throws Exception {
        JsonNode message = next();
        if (!type.equals(message.path("type").asText())) {
            throw new AssertionError("expected " + type + ", got " + message);
        }
        return message;
    }

    /** Spawns {@code bash -l} on this daemon's host, answers {@code spawned}, and returns the session id. */
    public String spawnRunning(String token) throws Exception {
        CompletableFuture<ExtractableResponse<Response>> spawn = spawnAsync(token, hostId);
        JsonNode request = expect("spawn");
        send(Map.of("type", "spawned", "requestId", request.path("requestId").asText(),
                "sessionId", request.path("sessionId").asText(), "pid", 1));
        ExtractableResponse<Response> created = spawn.get(10, TimeUnit.SECONDS);
        if (created.statusCode() != 201) {
            throw new AssertionError("spawn answered " + created.statusCode() + ": " + created.asString());
        }
        return created.path("id");
    }

    /** Posts a spawn request on another thread (it waits for the daemon's answer). */
    public static CompletableFuture<ExtractableResponse<Response>> spawnAsync(String token, UUID hostId) {
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("hostId", hostId, "command", List.of("bash", "-l"), "cols", 100, "rows", 30))
                .post("/api/v1/sessions")
                .then().extract());
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        socket.close();
    }
}
