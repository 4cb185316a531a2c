package dev.drover.hub.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.account.service.Role;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Spawning from the agent profiles a host offers: choices, refusals, progress, task, resume. */
@QuarkusTest
class ProfileSpawnTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private static ExtractableResponse<Response> post(String token, Map<String, Object> body, boolean async) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (async) {
            request = request.header("Prefer", "respond-async");
        }
        return request.post("/api/v1/sessions").then().extract();
    }

    private static Map<String, Object> body(UUID hostId, Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("hostId", hostId);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static JsonNode session(String token, String id) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                given().auth().oauth2(token).get("/api/v1/sessions/" + id).then().statusCode(200).extract().asString());
    }

    @Test
    void claudeStartsWithAPreassignedSessionIdAndShowsItsProgress() throws Exception {
        String admin = Api.adminToken();
        String name = "host-" + UUID.randomUUID();
        Api.Enrolled host = Api.enrolledHost(admin, name);
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            ExtractableResponse<Response> accepted = post(admin, body(host.id(), "profile", "claude",
                    "prompt", "fix the login bug", "task", "Login bug", "cwd", "/srv/app"), true);
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = accepted.path("id");
            String agentId = accepted.path("agentSessionId");
            assertThat(UUID.fromString(agentId)).isNotNull();
            assertThat(accepted.<String>path("state")).isEqualTo("starting");
            assertThat(accepted.<String>path("spawnStep")).isEqualTo("asking host " + name);
            assertThat(accepted.<String>path("task")).isEqualTo("Login bug");

            JsonNode spawn = daemon.expect("spawn");
            assertThat(spawn.path("sessionId").asText()).isEqualTo(id);
            assertThat(spawn.path("profile").asText()).isEqualTo("claude");
            assertThat(spawn.path("mode").asText()).isEqualTo("new");
            assertThat(spawn.path("agentSessionId").asText()).isEqualTo(agentId);
            assertThat(spawn.path("prompt").asText()).isEqualTo("fix the login bug");
            assertThat(spawn.path("cwd").asText()).isEqualTo("/srv/app");
            assertThat(spawn.path("command")).isEmpty();

            daemon.send(Map.of("type", "spawn-progress", "sessionId", id, "step", "starting claude"));
            await().untilAsserted(() -> assertThat(session(admin, id).path("spawnStep").asText()).isEqualTo("starting claude"));
            daemon.send(Map.of("type", "spawned", "requestId", spawn.path("requestId").asText(), "sessionId", id, "pid", 7));
            await().untilAsserted(() -> {
                JsonNode shown = session(admin, id);
                assertThat(shown.path("state").asText()).isEqualTo("running");
                assertThat(shown.path("spawnStep").isNull()).isTrue();
            });
        }
    }

    @Test
    void aSpawnBeforeTheHostOfferedItsProfilesIsAConflictToRetryNotAMissingProfile() throws Exception {
        String admin = Api.adminToken();
        String name = "host-" + UUID.randomUUID();
        Api.Enrolled host = Api.enrolledHost(admin, name);
        try (FakeDaemon ignored = FakeDaemon.connectBeforeItsOffer(base, host, List.of())) {
            assertRefused(post(admin, body(host.id(), "profile", "bash"), false), 409,
                    "host " + name + " has not offered its agent profiles yet; retry in a moment");
        }
    }

    @Test
    void whatTheHostCannotDoIsRefusedWithWhatWouldWork() throws Exception {
        String admin = Api.adminToken();
        String name = "host-" + UUID.randomUUID();
        Api.Enrolled host = Api.enrolledHost(admin, name);
        try (FakeDaemon ignored = FakeDaemon.connect(base, host, List.of())) {
            assertRefused(post(admin, body(host.id(), "profile", "aider"), false), 400,
                    "host " + name + " has no profile aider; it offers: bash, command, claude, codex");
            assertRefused(post(admin, body(host.id(), "profile", "codex"), false), 409,
                    "Codex is not installed on host " + name + " (codex is not on the PATH)");
            assertRefused(post(admin, body(host.id(), "profile", "bash", "mode", "resume", "agentSessionId", "x"), false), 400,
                    "Bash cannot resume a session; it can: new");
            assertRefused(post(admin, body(host.id(), "profile", "claude", "mode", "resume"), false), 400,
                    "resume needs agentSessionId: the agent's session to resume");
            assertRefused(post(admin, body(host.id(), "profile", "command"), false), 400,
                    "the command profile needs a command");
            assertRefused(post(admin, body(host.id(), "profile", "claude", "command", List.of("sh")), false), 400,
                    "Claude Code starts its own command; use the command profile to run another one");
            assertRefused(post(admin, body(host.id(), "profile", "bash", "cwd", "/srv/app/../../etc"), false), 400,
                    "cwd must be an absolute path without . or .. segments or control characters");
            ExtractableResponse<Response> injected = post(admin, body(host.id(), "profile", "claude", "mode", "resume",
                    "agentSessionId", "$(touch /tmp/pwned)"), false);
            assertThat(injected.statusCode()).isEqualTo(400);
            assertThat(injected.asString()).contains("must be the agent's session id");
            ExtractableResponse<Response> badProfile = post(admin, body(host.id(), "profile", "../bash"), false);
            assertThat(badProfile.statusCode()).isEqualTo(400);
        }
    }

    private static void assertRefused(ExtractableResponse<Response> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("detail")).isEqualTo(detail);
    }

    @Test
    void anExitedAgentIsResumedByItsSessionIdInANewSession() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            ExtractableResponse<Response> accepted = post(admin, body(host.id(), "profile", "claude", "task", "Refactor"), true);
            String id = accepted.path("id");
            JsonNode spawn = daemon.expect("spawn");
            daemon.send(Map.of("type", "spawned", "requestId", spawn.path("requestId").asText(), "sessionId", id, "pid", 7));
            await().untilAsserted(() -> assertThat(session(admin, id).path("state").asText()).isEqualTo("running"));
            assertThat(given().auth().oauth2(admin).post("/api/v1/sessions/" + id + "/resume").then().extract().statusCode())
                    .isEqualTo(409);

            daemon.send(Map.of("type", "session-exited", "sessionId", id, "exitCode", 0, "logEnd", 99,
                    "agentSessionId", "ignored-because-preassigned"));
            await().untilAsserted(() -> {
                JsonNode shown = session(admin, id);
                assertThat(shown.path("state").asText()).isEqualTo("exited");
                assertThat(shown.path("stopReason").asText()).isEqualTo("exited");
                assertThat(shown.path("exitCode").asInt()).isZero();
            });

            var resumed = given().auth().oauth2(admin).header("Prefer", "respond-async")
                    .post("/api/v1/sessions/" + id + "/resume").then().extract();
            assertThat(resumed.statusCode()).isEqualTo(202);
            assertThat(resumed.<String>path("resumedFrom")).isEqualTo(id);
            assertThat(resumed.<String>path("mode")).isEqualTo("resume");
            assertThat(resumed.<String>path("task")).isEqualTo("Refactor");
            JsonNode again = daemon.expect("spawn");
            assertThat(again.path("mode").asText()).isEqualTo("resume");
            assertThat(again.path("agentSessionId").asText()).isEqualTo(accepted.<String>path("agentSessionId"));
        }
    }

    @Test
    void anAgentSessionIdLearntAtExitIsKeptForResume() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String id = daemon.spawnRunning(admin);
            assertThat(session(admin, id).path("agentSessionId").isNull()).isTrue();
            assertThat(given().auth().oauth2(admin).post("/api/v1/sessions/" + id + "/resume").then().extract().statusCode())
                    .isEqualTo(409);
            daemon.send(Map.of("type", "session-exited", "sessionId", id, "exitCode", 0, "logEnd", 5,
                    "agentSessionId", "01a1fc96-f617-70b0-9b4b-aa5cf54f9a64"));
            await().untilAsserted(() -> assertThat(session(admin, id).path("agentSessionId").asText())
                    .isEqualTo("01a1fc96-f617-70b0-9b4b-aa5cf54f9a64"));
        }
    }

    /** Regression: a session whose exit code nobody knew (its tmux session vanished) was never reported ended. */
    @Test
    void aSessionWhoseExitCodeIsUnknownStillEnds() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String id = daemon.spawnRunning(admin);
            Map<String, Object> exited = new HashMap<>(Map.of("type", "session-exited", "sessionId", id, "logEnd", 5));
            exited.put("exitCode", null);
            daemon.send(exited);
            await().untilAsserted(() -> {
                JsonNode shown = session(admin, id);
                assertThat(shown.path("state").asText()).isEqualTo("exited");
                assertThat(shown.path("exitCode").isNull()).isTrue();
            });
        }
    }

    @Test
    void operatorsEditTheTaskAndViewersCannotSpawnOrEdit() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount viewerAccount = Api.newAccount(accounts, Role.VIEWER);
        String viewer = viewerAccount.token();
        String operator = Api.tokenForNewAccount(accounts, Role.OPERATOR);
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            assertThat(post(viewer, body(host.id(), "profile", "bash"), true).statusCode()).isEqualTo(403);
            String id = daemon.spawnRunning(operator);
            Api.share(operator, id, viewerAccount.username(), "type");
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("task", "  Check the logs  "))
                    .patch("/api/v1/sessions/" + id).then().statusCode(200)
                    .body("task", org.hamcrest.Matchers.equalTo("Check the logs"));
            given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("task", "mine"))
                    .patch("/api/v1/sessions/" + id).then().statusCode(403);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("task", "x".repeat(2001)))
                    .patch("/api/v1/sessions/" + id).then().statusCode(400);
            assertThat(session(viewer, id).path("task").asText()).isEqualTo("Check the logs");
        }
    }

    @Test
    void aSecondSessionInTheSameProjectGetsAWorktreeByDefaultAndACompanionShellOpensInIt() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String first = running(daemon, post(admin, body(host.id(), "profile", "claude", "cwd", "/srv/app"), true));
            JsonNode firstSpawn = lastSpawn;
            assertThat(firstSpawn.path("worktree").asBoolean()).isFalse();
            String second = running(daemon, post(admin, body(host.id(), "profile", "claude", "cwd", "/srv/app"), true));
            assertThat(lastSpawn.path("worktree").asBoolean()).as("another live session works in /srv/app").isTrue();
            assertThat(session(admin, second).path("worktree").asBoolean()).isTrue();
            running(daemon, post(admin, body(host.id(), "profile", "claude", "cwd", "/srv/app", "worktree", false), true));
            assertThat(lastSpawn.path("worktree").asBoolean()).as("asked for none").isFalse();
            assertRefused(post(admin, body(host.id(), "profile", "bash", "worktree", true), false), 400,
                    "a worktree needs a project: give cwd, the repository to branch from");

            String worktreePath = "/var/drover/worktrees/app-" + second.substring(second.length() - 8);
            daemon.send(Map.of("type", "worktree-created", "worktree", Map.of("repo", "/srv/app", "path", worktreePath,
                    "branch", "drover/claude-x", "base", "main", "sessionId", second, "profileId", "claude",
                    "merged", false, "pushed", false, "state", "ACTIVE")));
            await().untilAsserted(() -> assertThat(session(admin, second).path("worktreePath").asText()).isEqualTo(worktreePath));
            assertThat(session(admin, second).path("worktreeBranch").asText()).isEqualTo("drover/claude-x");
            var companion = given().auth().oauth2(admin).header("Prefer", "respond-async")
                    .post("/api/v1/sessions/" + second + "/companion").then().statusCode(202).extract();
            JsonNode spawn = daemon.expect("spawn");
            assertThat(spawn.path("cwd").asText()).isEqualTo(worktreePath);
            assertThat(spawn.path("profile").asText()).isEqualTo("bash");
            assertThat(companion.<String>path("parentId")).isEqualTo(second);
            var plain = given().auth().oauth2(admin).header("Prefer", "respond-async")
                    .post("/api/v1/sessions/" + first + "/companion").then().statusCode(202).extract();
            assertThat(daemon.expect("spawn").path("cwd").asText()).isEqualTo("/srv/app");
            assertThat(plain.<String>path("parentId")).isEqualTo(first);
        }
    }

    private JsonNode lastSpawn;

    private String running(FakeDaemon daemon, ExtractableResponse<Response> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        lastSpawn = daemon.expect("spawn");
        String id = accepted.path("id");
        daemon.send(Map.of("type", "spawned", "requestId", lastSpawn.path("requestId").asText(), "sessionId", id, "pid", 7));
        await().untilAsserted(() -> assertThat(session(Api.adminToken(), id).path("state").asText()).isEqualTo("running"));
        return id;
    }
}
