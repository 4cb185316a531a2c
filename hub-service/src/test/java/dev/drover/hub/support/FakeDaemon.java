package dev.drover.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** A daemon stand-in speaking the real protocol over a real WebSocket. */
public final class FakeDaemon implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final WsClient socket;
    public final UUID hostId;

    private FakeDaemon(WsClient socket, UUID hostId) {
        this.socket = socket;
        this.hostId = hostId;
    }

    /** Connects, says hello (reporting {@code sessions}) and waits for {@code welcome}. */
    public static FakeDaemon connect(URI base, Api.Enrolled host, List<Map<String, Object>> sessions) throws Exception {
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
        socket.close();
    }
}
