package dev.drover.hub.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prompts typed into sessions' agents (ADR 0025) against a daemon stand-in: a delivery waits for the
 * agent to be idle, is refused while it waits for an approval, is confirmed by the agent's state or
 * its hook, and times out, each with its result stored, listed per session and pushed.
 */
@QuarkusTest
class PromptDeliveryTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void aPromptWaitsUntilTheAgentIsIdleAndIsConfirmedWhenItWorks() throws Exception {
        String admin = Api.adminToken();
        try (FakeDaemon daemon = FakeDaemon.connect(base, Api.enrolledHost(admin, "host-" + UUID.randomUUID()), List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            activity(daemon, sessionId, "working", Instant.now().minusSeconds(5), "hook PreToolUse");
            awaitActivity(admin, sessionId, "working");

            JsonNode prompt = send(admin, Map.of("sessionIds", List.of(sessionId), "text", "Now write the docs\nplease"));
            String promptId = prompt.path("id").asText();
            assertThat(prompt.path("deliveries").get(0).path("status").asText()).isEqualTo("waiting");
            Thread.sleep(500);
            assertThat(daemon.socket.texts).as("nothing typed while the agent works").noneMatch(text -> text.contains("\"prompt\""));
            assertThat(delivery(admin, promptId).path("status").asText()).isEqualTo("waiting");

            activity(daemon, sessionId, "idle", Instant.now(), "hook Stop");
            JsonNode request = nextOfType(daemon, "prompt");
            assertThat(request.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(request.path("text").asText()).isEqualTo("Now write the docs\nplease");
            Instant typedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            daemon.send(Map.of("type", "prompted", "requestId", request.path("requestId").asText(), "sessionId", sessionId,
                    "typed", true, "state", "idle", "at", typedAt.toString()));
            await().untilAsserted(() -> assertThat(delivery(admin, promptId).path("status").asText()).isEqualTo("typed"));

            activity(daemon, sessionId, "working", typedAt.plusMillis(80), "hook UserPromptSubmit");
            await().untilAsserted(() -> assertThat(delivery(admin, promptId).path("status").asText()).isEqualTo("confirmed"));
            JsonNode confirmed = delivery(admin, promptId);
            assertThat(confirmed.path("detail").asText()).startsWith("working since").contains("hook UserPromptSubmit");
            assertThat(Instant.parse(confirmed.path("typedAt").asText())).isEqualTo(typedAt);
            assertThat(confirmed.path("finishedAt").isNull()).isFalse();

            var history = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId + "/prompts").then()
                    .statusCode(200).extract();
            assertThat(history.<List<String>>path("text")).containsExactly("Now write the docs\nplease");
            assertThat(history.<List<String>>path("createdBy")).containsExactly("admin");
            assertThat(history.<List<String>>path("delivery.status")).containsExactly("confirmed");
        }
    }

    @Test
    void anAgentWaitingForAnApprovalIsNeverTypedIntoAndAnIdleOneIsConfirmedByItsHook() throws Exception {
        String admin = Api.adminToken();
        try (FakeDaemon daemon = FakeDaemon.connect(base, Api.enrolledHost(admin, "host-" + UUID.randomUUID()), List.of())) {
            String asking = daemon.spawnRunning(admin);
            String idle = daemon.spawnRunning(admin);
            Map<String, Object> approval = activityMessage(asking, "needs-approval", Instant.now(), "hook PermissionRequest Bash");
            approval.put("detail", "rm -rf build");
            daemon.send(approval);
            activity(daemon, idle, "idle", Instant.now(), "hook Stop");
            awaitActivity(admin, asking, "needs-approval");
            awaitActivity(admin, idle, "idle");

            JsonNode prompt = send(admin, Map.of("sessionIds", List.of(asking, idle), "text", "continue"));
            String promptId = prompt.path("id").asText();
            JsonNode request = nextOfType(daemon, "prompt");
            assertThat(request.path("sessionId").asText()).isEqualTo(idle);
            Instant typedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            daemon.send(Map.of("type", "prompted", "requestId", request.path("requestId").asText(), "sessionId", idle,
                    "typed", true, "state", "idle", "at", typedAt.toString()));
            daemon.send(Map.of("type", "agent-hook", "sessionId", idle, "event", "UserPromptSubmit", "detail", "continue",
                    "at", typedAt.plusMillis(30).toString()));

            await().untilAsserted(() -> {
                JsonNode shown = get(admin, promptId);
                assertThat(shown.path("deliveries").findValuesAsText("status")).containsExactly("refused", "confirmed");
            });
            JsonNode shown = get(admin, promptId);
            assertThat(shown.path("deliveries").get(0).path("sessionId").asText()).isEqualTo(asking);
            assertThat(shown.path("deliveries").get(0).path("detail").asText())
                    .isEqualTo("needs-approval: the agent waits for an approval (rm -rf build)");
            assertThat(shown.path("deliveries").get(0).path("typedAt").isNull()).isTrue();
            assertThat(shown.path("deliveries").get(1).path("detail").asText()).isEqualTo("hook UserPromptSubmit");
            Thread.sleep(300);
            assertThat(daemon.socket.texts).as("no second prompt typed").noneMatch(text -> text.contains("\"prompt\""));
        }
    }

    @Test
    void aPromptTimesOutWhenTheAgentStaysBusyAndIsUnconfirmedWhenTheAgentShowsNoSign() throws Exception {
        String admin = Api.adminToken();
        try (FakeDaemon daemon = FakeDaemon.connect(base, Api.enrolledHost(admin, "host-" + UUID.randomUUID()), List.of())) {
            String busy = daemon.spawnRunning(admin);
            String silent = daemon.spawnRunning(admin);
            activity(daemon, busy, "working", Instant.now(), "title");
            activity(daemon, silent, "idle", Instant.now(), "output quiet for 3000 ms");
            awaitActivity(admin, busy, "working");
            awaitActivity(admin, silent, "idle");

            JsonNode prompt = send(admin, Map.of("sessionIds", List.of(busy, silent), "text", "hello", "waitSeconds", 1));
            String promptId = prompt.path("id").asText();
            JsonNode request = nextOfType(daemon, "prompt");
            assertThat(request.path("sessionId").asText()).isEqualTo(silent);
            daemon.send(Map.of("type", "prompted", "requestId", request.path("requestId").asText(), "sessionId", silent,
                    "typed", true, "state", "idle", "at", Instant.now().toString()));

            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(get(admin, promptId).path("deliveries")
                    .findValuesAsText("status")).containsExactly("timed-out", "unconfirmed"));
            JsonNode shown = get(admin, promptId);
            assertThat(shown.path("deliveries").get(0).path("detail").asText()).isEqualTo("the agent was not idle within 1 s");
            assertThat(shown.path("deliveries").get(1).path("detail").asText())
                    .isEqualTo("typed, but the agent showed no sign of it within 3 s");
        }
    }

    @Test
    void theDaemonsOwnLookDecidesAndAnEndedSessionEndsItsDelivery() throws Exception {
        String admin = Api.adminToken();
        try (FakeDaemon daemon = FakeDaemon.connect(base, Api.enrolledHost(admin, "host-" + UUID.randomUUID()), List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            activity(daemon, sessionId, "idle", Instant.now(), "hook Stop");
            awaitActivity(admin, sessionId, "idle");

            String promptId = send(admin, Map.of("sessionIds", List.of(sessionId), "text", "go on")).path("id").asText();
            JsonNode request = nextOfType(daemon, "prompt");
            // The agent started asking just before the daemon was to type: nothing typed, refused.
            daemon.send(Map.of("type", "prompted", "requestId", request.path("requestId").asText(), "sessionId", sessionId,
                    "typed", false, "state", "needs-answer", "at", Instant.now().toString()));
            await().untilAsserted(() -> assertThat(delivery(admin, promptId).path("status").asText()).isEqualTo("refused"));
            assertThat(delivery(admin, promptId).path("detail").asText()).isEqualTo("needs-answer: the agent waits for an answer");

            activity(daemon, sessionId, "working", Instant.now(), "hook PreToolUse");
            awaitActivity(admin, sessionId, "working");
            String second = send(admin, Map.of("sessionIds", List.of(sessionId), "text", "and then")).path("id").asText();
            daemon.send(Map.of("type", "session-exited", "sessionId", sessionId, "exitCode", 0, "logEnd", 10));
            await().untilAsserted(() -> assertThat(delivery(admin, second).path("status").asText()).isEqualTo("ended"));
            assertThat(delivery(admin, second).path("detail").asText()).isEqualTo("the session is exited");
        }
    }

    @Test
    void aSelectionReachesTheMatchingLiveSessionsAndOnlyOperatorsSendPrompts() throws Exception {
        String admin = Api.adminToken();
        try (FakeDaemon daemon = FakeDaemon.connect(base, Api.enrolledHost(admin, "host-" + UUID.randomUUID()), List.of())) {
            String idle = daemon.spawnRunning(admin);
            String working = daemon.spawnRunning(admin);
            activity(daemon, idle, "idle", Instant.now(), "hook Stop");
            activity(daemon, working, "working", Instant.now(), "hook PreToolUse");
            awaitActivity(admin, idle, "idle");
            awaitActivity(admin, working, "working");

            Api.NewAccount watcher = Api.newAccount(accounts, "viewer");
            Api.NewAccount typist = Api.newAccount(accounts, "operator");
            String viewer = watcher.token();
            String operator = typist.token();
            for (String session : List.of(idle, working)) {
                share(admin, session, typist.username(), "type");
                share(admin, session, watcher.username(), "view");
            }
            String stranger = Api.tokenForNewAccount(accounts, "operator");
            Map<String, Object> selection = Map.of("hostId", daemon.hostId.toString(), "activity", "idle");
            given().auth().oauth2(stranger).contentType(ContentType.JSON)
                    .body(Map.of("sessionIds", List.of(idle), "text", "hi")).post("/api/v1/prompts").then().statusCode(404);
            given().auth().oauth2(stranger).contentType(ContentType.JSON)
                    .body(Map.of("selection", selection, "text", "hi")).post("/api/v1/prompts").then().statusCode(400);
            given().auth().oauth2(viewer).contentType(ContentType.JSON)
                    .body(Map.of("selection", selection, "text", "hi")).post("/api/v1/prompts").then().statusCode(403);
            given().contentType(ContentType.JSON)
                    .body(Map.of("selection", selection, "text", "hi")).post("/api/v1/prompts").then().statusCode(401);
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("sessionIds", List.of(UUID.randomUUID().toString()), "text", "hi")).post("/api/v1/prompts")
                    .then().statusCode(404);
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("sessionIds", List.of(idle), "text", "\u001b[201~rm -rf /\r")).post("/api/v1/prompts")
                    .then().statusCode(400);
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("selection", Map.of("hostId", daemon.hostId.toString(), "activity", "needs-answer"), "text", "hi"))
                    .post("/api/v1/prompts").then().statusCode(400);

            JsonNode prompt = given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("selection", selection, "text", "hi")).post("/api/v1/prompts")
                    .then().statusCode(202).extract().as(JsonNode.class);
            assertThat(prompt.path("deliveries").findValuesAsText("sessionId")).containsExactly(idle);
            assertThat(prompt.path("createdBy").asText()).startsWith("operator");
            var audited = given().auth().oauth2(admin).queryParam("actor", typist.username())
                    .queryParam("action", "prompt.broadcast").get("/api/v1/audit").then().statusCode(200).extract();
            assertThat(audited.<List<String>>path("target")).containsExactly("sessions:1");
            assertThat(audited.<List<List<String>>>path("detail.sessions")).containsExactly(List.of(idle));
            assertThat(audited.<List<Integer>>path("detail.bytes")).containsExactly(2);
            given().auth().oauth2(operator).get("/api/v1/prompts/" + prompt.path("id").asText()).then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/prompts/" + prompt.path("id").asText()).then().statusCode(404);
            given().auth().oauth2(stranger).get("/api/v1/sessions/" + idle + "/prompts").then().statusCode(404);
            given().auth().oauth2(viewer).get("/api/v1/sessions/" + idle + "/prompts").then().statusCode(200);
            given().auth().oauth2(viewer).get("/api/v1/prompts/" + UUID.randomUUID()).then().statusCode(404);
            assertThat(nextOfType(daemon, "prompt").path("sessionId").asText()).isEqualTo(idle);
        }
    }

    private static JsonNode send(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/prompts")
                .then().statusCode(202).extract().as(JsonNode.class);
    }

    private static JsonNode get(String token, String promptId) {
        return given().auth().oauth2(token).get("/api/v1/prompts/" + promptId).then().statusCode(200).extract().as(JsonNode.class);
    }

    private static JsonNode delivery(String token, String promptId) {
        return get(token, promptId).path("deliveries").get(0);
    }

    private static void awaitActivity(String token, String sessionId, String state) {
        await().untilAsserted(() -> assertThat(given().auth().oauth2(token).get("/api/v1/sessions/" + sessionId)
                .<String>path("activity")).isEqualTo(state));
    }

    private static void activity(FakeDaemon daemon, String sessionId, String state, Instant since, String cause) throws Exception {
        daemon.send(activityMessage(sessionId, state, since, cause));
    }

    private static Map<String, Object> activityMessage(String sessionId, String state, Instant since, String cause) {
        Map<String, Object> message = new HashMap<>(Map.of("type", "activity", "sessionId", sessionId, "state", state,
                "since", since.toString(), "cause", cause));
        message.put("detail", null);
        return message;
    }

    /** The next message the hub sent of {@code type}, skipping others. */
    private static JsonNode nextOfType(FakeDaemon daemon, String type) throws Exception {
        while (true) {
            JsonNode message = daemon.next();
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    private static void share(String admin, String session, String username, String access) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("access", access))
                .put("/api/v1/sessions/" + session + "/shares/" + username).then().statusCode(200);
    }
}
