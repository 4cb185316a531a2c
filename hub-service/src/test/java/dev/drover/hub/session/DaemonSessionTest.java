package dev.drover.hub.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class DaemonSessionTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void helloIsWelcomedAndMarksTheHostOnline() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            var shown = given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then().statusCode(200).extract();
            assertThat(shown.<Boolean>path("online")).isTrue();
            assertThat(shown.<String>path("os")).isEqualTo("linux");
            assertThat(shown.<String>path("daemonVersion")).isEqualTo("0.1.0-test");
        }
        await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .<Boolean>path("online")).isFalse());
    }

    @Test
    void spawnRoundTripAnswersARunningSession() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            CompletableFuture<ExtractableResponse<Response>> spawn = spawnAsync(admin, host.id());
            JsonNode request = daemon.expect("spawn");
            String sessionId = request.path("sessionId").asText();
            assertThat(UUID.fromString(sessionId).version()).isEqualTo(7);
            assertThat(request.path("command").get(0).asText()).isEqualTo("bash");
            assertThat(request.path("cols").asInt()).isEqualTo(100);
            assertThat(request.path("profile").asText()).isEqualTo("command");
            assertThat(request.path("mode").asText()).isEqualTo("new");
            JsonNode env = request.path("env");
            assertThat(env.path("TERM").asText()).isEqualTo("xterm-256color");
            assertThat(env.path("DROVER_SESSION_ID").asText()).isEqualTo(sessionId);
            JsonNode telemetry = request.path("telemetry");
            assertThat(telemetry.path("endpoint").asText()).isEqualTo("http://127.0.0.1:4318");
            assertThat(telemetry.path("token").asText()).startsWith("ey");
            assertThat(telemetry.path("resourceAttributes").asText())
                    .isEqualTo("drover.session.id=" + sessionId + ",drover.host.id=" + host.id());

            daemon.send(Map.of("type", "spawned", "requestId", request.path("requestId").asText(),
                    "sessionId", sessionId, "pid", 4242));
            ExtractableResponse<Response> created = spawn.get();
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.<String>path("id")).isEqualTo(sessionId);
            assertThat(created.<String>path("state")).isEqualTo("running");
            assertThat(created.<String>path("createdBy")).isEqualTo("admin");
            assertThat(created.<String>path("startedAt")).isNotNull();
            assertThat(created.<String>path("usage.costUsd")).isEqualTo("0");

            given().auth().oauth2(admin).post("/api/v1/sessions/" + sessionId + "/stop")
                    .then().statusCode(202);
            JsonNode stop = daemon.expect("stop");
            assertThat(stop.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(stop.path("reason").asText()).isEqualTo("stopped by admin");

            daemon.send(Map.of("type", "session-exited", "sessionId", sessionId, "exitCode", 3, "logEnd", 10));
            await().untilAsserted(() -> {
                var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then().extract();
                assertThat(shown.<String>path("state")).isEqualTo("exited");
                assertThat(shown.<Integer>path("exitCode")).isEqualTo(3);
                assertThat(shown.<String>path("stopReason")).isEqualTo("stopped-by-user");
                assertThat(shown.<String>path("profile")).isEqualTo("command");
                assertThat(shown.<String>path("endedAt")).isNotNull();
            });
            assertThat(given().auth().oauth2(admin).queryParam("hostId", host.id()).queryParam("state", "exited")
                    .get("/api/v1/sessions").<List<String>>path("id")).containsExactly(sessionId);
        }
    }

    @Test
    void spawnFailedIsA422WithTheDaemonsReason() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            CompletableFuture<ExtractableResponse<Response>> spawn = spawnAsync(admin, host.id());
            JsonNode request = daemon.expect("spawn");
            daemon.send(Map.of("type", "spawn-failed", "requestId", request.path("requestId").asText(),
                    "sessionId", request.path("sessionId").asText(), "reason", "bash: not found"));
            ExtractableResponse<Response> refused = spawn.get();
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.<String>path("detail")).isEqualTo("bash: not found");
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + request.path("sessionId").asText())
                    .<String>path("state")).isEqualTo("failed");
        }
    }

    @Test
    void spawnOnOfflineHostIsA409() {
        String admin = Api.adminToken();
        String name = "host-" + UUID.randomUUID();
        Api.Enrolled host = Api.enrolledHost(admin, name);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hostId", host.id(), "command", List.of("bash")))
                .post("/api/v1/sessions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("host " + name + " is offline"));
    }

    @Test
    void spawnOnUnknownHostAndUnknownSessionAre404() {
        String admin = Api.adminToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hostId", UUID.randomUUID(), "command", List.of("bash")))
                .post("/api/v1/sessions")
                .then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void daemonUpgradeWithoutCredentialIsRefused() {
        assertThat(WsClient.refusedStatus(WsClient.ws(base, "/api/v1/daemon/connect"), null)).isEqualTo(401);
        assertThat(WsClient.refusedStatus(WsClient.ws(base, "/api/v1/daemon/connect"), Api.adminToken())).isEqualTo(403);
    }

    @Test
    void removedHostStaysRevokedAfterItsDaemonDisconnects() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            given().auth().oauth2(admin).delete("/api/v1/hosts/" + host.id()).then().statusCode(204);
            assertThat(daemon.socket.awaitClose()).isEqualTo(4403);
            var ended = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then().extract();
            assertThat(ended.<String>path("state")).isEqualTo("lost");
            assertThat(ended.<String>path("stopReason")).isEqualTo("host-removed");
        }
        assertThat(WsClient.refusedStatus(WsClient.ws(base, "/api/v1/daemon/connect"), host.credential())).isEqualTo(403);
    }

    @Test
    void helloReconcilesSessionsTheDaemonNoLongerHolds() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        String kept;
        String lost;
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            kept = daemon.spawnRunning(admin);
            lost = daemon.spawnRunning(admin);
        }
        await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .<Boolean>path("online")).isFalse());
        List<Map<String, Object>> reports = List.of(
                Map.of("sessionId", kept, "state", "RUNNING", "logEnd", 100));
        try (FakeDaemon ignored = FakeDaemon.connect(base, host, reports)) {
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + kept).<String>path("state"))
                    .isEqualTo("running");
            var gone = given().auth().oauth2(admin).get("/api/v1/sessions/" + lost).then().extract();
            assertThat(gone.<String>path("state")).isEqualTo("lost");
            assertThat(gone.<String>path("stopReason")).isEqualTo("daemon-lost");
        }
    }

    @Test
    void shellStateAndMcpServersFromTheDaemonShowOnTheSession() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        Api.Enrolled otherHost = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of());
                FakeDaemon other = FakeDaemon.connect(base, otherHost, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).<Object>path("shell")).isNull();

            Map<String, Object> state = new java.util.HashMap<>(Map.of("type", "shell-state", "sessionId", sessionId,
                    "cwd", "/home/ada/proj", "lastCommand", "make test", "commandRunning", true));
            daemon.send(state);
            await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId)
                    .<Boolean>path("shell.running")).isTrue());
            state.putAll(Map.of("lastExitCode", 2, "commandRunning", false));
            daemon.send(state);
            daemon.send(Map.of("type", "mcp-servers", "sessionId", sessionId, "servers", List.of(
                    Map.of("name", "github", "transport", "stdio", "command", "npx",
                            "args", List.of("-y", "@modelcontextprotocol/server-github"), "source", "/home/ada/.claude.json"),
                    Map.of("name", "linear", "transport", "sse", "url", "https://mcp.linear.app/sse",
                            "source", "/home/ada/proj/.mcp.json"))));
            other.send(Map.of("type", "shell-state", "sessionId", sessionId, "cwd", "/intruder", "commandRunning", false));
            other.send(Map.of("type", "mcp-servers", "sessionId", sessionId, "servers", List.of()));

            await().untilAsserted(() -> {
                var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then()
                        .statusCode(200).extract();
                assertThat(shown.<String>path("shell.cwd")).isEqualTo("/home/ada/proj");
                assertThat(shown.<String>path("shell.lastCommand")).isEqualTo("make test");
                assertThat(shown.<Integer>path("shell.lastExitCode")).isEqualTo(2);
                assertThat(shown.<Boolean>path("shell.running")).isFalse();
                assertThat(shown.<String>path("shell.updatedAt")).isNotNull();
                assertThat(shown.<List<String>>path("mcpServers.name")).containsExactly("github", "linear");
                assertThat(shown.<List<String>>path("mcpServers.transport")).containsExactly("stdio", "sse");
                assertThat(shown.<List<String>>path("mcpServers[0].args")).containsExactly("-y", "@modelcontextprotocol/server-github");
                assertThat(shown.<String>path("mcpServers[1].url")).isEqualTo("https://mcp.linear.app/sse");
            });
            Thread.sleep(300);
            var listed = given().auth().oauth2(admin).queryParam("hostId", host.id()).get("/api/v1/sessions").then().extract();
            assertThat(listed.<List<String>>path("shell.cwd")).containsExactly("/home/ada/proj");
            assertThat(listed.<List<List<String>>>path("mcpServers.name")).containsExactly(List.of("github", "linear"));
        }
    }

    @Test
    void anotherHostsDaemonCannotEndOrChangeASession() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        Api.Enrolled otherHost = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of());
                FakeDaemon other = FakeDaemon.connect(base, otherHost, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            String otherSessionId = other.spawnRunning(admin);
            other.send(Map.of("type", "session-exited", "sessionId", sessionId, "exitCode", 9, "logEnd", 1,
                    "agentSessionId", "intruder"));
            other.send(Map.of("type", "spawn-failed", "requestId", "r", "sessionId", sessionId, "reason", "intruder"));
            other.send(Map.of("type", "worktree-created", "worktree", Map.of("repo", "/tmp/r", "path", "/tmp/intruder",
                    "branch", "intruder", "sessionId", sessionId, "state", "ACTIVE")));
            other.send(Map.of("type", "shell-state", "sessionId", otherSessionId, "cwd", "/after", "commandRunning", false));
            await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + otherSessionId)
                    .<String>path("shell.cwd")).isEqualTo("/after"));

            var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then().statusCode(200).extract();
            assertThat(shown.<String>path("state")).isEqualTo("running");
            assertThat(shown.<Object>path("exitCode")).isNull();
            assertThat(shown.<Object>path("stopReason")).isNull();
            assertThat(shown.<Object>path("agentSessionId")).isNull();
            assertThat(shown.<Object>path("worktreeBranch")).isNull();
        }
    }

    @Test
    void malformedDaemonFrameClosesWith1007() throws Exception {
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            daemon.socket.sendText("{\"type\":\"no-such-message\"}");
            assertThat(daemon.socket.awaitClose()).isEqualTo(1007);
        }
    }

    private static CompletableFuture<ExtractableResponse<Response>> spawnAsync(String token, UUID hostId) {
        return FakeDaemon.spawnAsync(token, hostId);
    }
}
