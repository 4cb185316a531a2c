package dev.drover.hub.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.live.service.SessionViewers;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications and remote approvals (ADR 0024) against real PostgreSQL and a fake daemon on the real
 * socket: the inbox, muting, one webhook notification per person and transition with retries against
 * a local HTTP server, none to a person who has the session in view (ADR 0034), failures kept and
 * shown with their last error, and decisions carried to the daemon, recorded, and refused to viewers.
 */
@QuarkusTest
class NotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Inject
    SessionViewers viewers;

    private HttpServer webhook;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(((ObjectNode) JSON.readTree(new String(body, StandardCharsets.UTF_8)))
                        .put("receivedAs", exchange.getRequestURI().getQuery()));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
    }

    private static Map<String, Object> activity(String sessionId, String state, String since, String detail) {
        Map<String, Object> message = new HashMap<>(Map.of("type", "activity", "sessionId", sessionId, "state", state,
                "since", since, "cause", "hook PermissionRequest Bash"));
        message.put("detail", detail);
        return message;
    }

    private static JsonNode inboxItem(String token, String sessionId) {
        List<Map<String, Object>> items = given().auth().oauth2(token).get("/api/v1/inbox").then().statusCode(200).extract().path("$");
        return items.stream().filter(item -> sessionId.equals(item.get("sessionId"))).findFirst().map(item -> JSON.valueToTree(item))
                .map(JsonNode.class::cast).orElse(null);
    }

    private static JsonNode until(FakeDaemon daemon, String type) throws Exception {
        for (int i = 0; i < 50; i++) {
            JsonNode message = daemon.next();
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no " + type);
    }

    @Test
    void theInboxListsTheSessionsThatWaitWithWhereAndWhatAndMutingMarksThem() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount watcher = Api.newAccount(accounts, "viewer");
        String viewer = watcher.token();
        String stranger = Api.tokenForNewAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "inbox-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            share(admin, sessionId, watcher.username(), "view");
            assertThat(inboxItem(viewer, sessionId)).isNull();

            daemon.send(activity(sessionId, "needs-approval", "2026-12-07T08:00:01Z", "make deploy"));

            await().untilAsserted(() -> assertThat(inboxItem(viewer, sessionId)).isNotNull());
            assertThat(inboxItem(stranger, sessionId)).as("a session not shared with the reader").isNull();
            given().auth().oauth2(stranger).put("/api/v1/sessions/" + sessionId + "/mute").then().statusCode(404);
            JsonNode item = inboxItem(viewer, sessionId);
            assertThat(item.path("hostName").asText()).startsWith("inbox-");
            assertThat(item.path("state").asText()).isEqualTo("needs-approval");
            assertThat(item.path("detail").asText()).isEqualTo("make deploy");
            assertThat(item.path("since").asText()).isEqualTo("2026-12-07T08:00:01Z");
            assertThat(item.path("muted").asBoolean()).isFalse();

            given().auth().oauth2(viewer).put("/api/v1/sessions/" + sessionId + "/mute").then().statusCode(204);
            assertThat(inboxItem(viewer, sessionId).path("muted").asBoolean()).isTrue();
            assertThat(inboxItem(admin, sessionId).path("muted").asBoolean()).isFalse();
            assertThat(given().auth().oauth2(viewer).get("/api/v1/me/notifications").then().statusCode(200).extract()
                    .<List<String>>path("mutedSessions")).contains(sessionId);
            given().auth().oauth2(viewer).delete("/api/v1/sessions/" + sessionId + "/mute").then().statusCode(204);
            assertThat(inboxItem(viewer, sessionId).path("muted").asBoolean()).isFalse();
            given().auth().oauth2(viewer).put("/api/v1/sessions/" + UUID.randomUUID() + "/mute").then().statusCode(404);

            daemon.send(activity(sessionId, "working", "2026-12-07T08:00:02Z", null));
            await().untilAsserted(() -> assertThat(inboxItem(viewer, sessionId)).isNull());
            given().get("/api/v1/inbox").then().statusCode(401);
        }
    }

    @Test
    void eachPersonsWebhookGetsOneNotificationPerTransitionRetriedUntilItIsTakenAndNoneForAMutedSession() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount listener = Api.newAccount(accounts, "operator");
        Api.NewAccount quiet = Api.newAccount(accounts, "viewer");
        String operator = listener.token();
        String muter = quiet.token();
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("webhookUrl", webhookUrl()))
                .put("/api/v1/me/notifications").then().statusCode(200);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("webhookUrl", "ftp://nope"))
                .put("/api/v1/me/notifications").then().statusCode(400);
        given().auth().oauth2(muter).contentType(ContentType.JSON).body(Map.of("webhookUrl", webhookUrl() + "?muter"))
                .put("/api/v1/me/notifications").then().statusCode(200);
        Api.Enrolled host = Api.enrolledHost(admin, "webhook-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            share(admin, sessionId, listener.username(), "view");
            share(admin, sessionId, quiet.username(), "view");
            given().auth().oauth2(muter).put("/api/v1/sessions/" + sessionId + "/mute").then().statusCode(204);
            failuresLeft.set(2);

            // A daemon's clock gives nanoseconds; the database keeps microseconds.
            daemon.send(activity(sessionId, "needs-approval", "2026-12-07T08:00:01.123456789Z", "make deploy"));
            // The daemon repeats its current transition after a reconnect: still one notification.
            daemon.send(activity(sessionId, "needs-approval", "2026-12-07T08:00:01.123456789Z", "make deploy"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(forSession(sessionId)).hasSize(1));
            Thread.sleep(1000);
            assertThat(forSession(sessionId)).hasSize(1);
            assertThat(attempts.get()).isEqualTo(3);
            JsonNode sent = forSession(sessionId).getFirst();
            assertThat(sent.path("state").asText()).isEqualTo("needs-approval");
            assertThat(sent.path("detail").asText()).isEqualTo("make deploy");
            assertThat(sent.path("host").asText()).startsWith("webhook-");
            assertThat(sent.path("title").asText()).isNotBlank();
            assertThat(sent.path("text").asText()).contains("make deploy").contains("https://drover.example/sessions/" + sessionId);
            assertThat(sent.path("click").asText()).isEqualTo("https://drover.example/sessions/" + sessionId);

            daemon.send(activity(sessionId, "working", "2026-12-07T08:00:02Z", null));
            daemon.send(activity(sessionId, "needs-answer", "2026-12-07T08:00:03Z", "Which colour?"));
            await().untilAsserted(() -> assertThat(forSession(sessionId)).hasSize(2));
            assertThat(forSession(sessionId).getLast().path("state").asText()).isEqualTo("needs-answer");
        }
    }

    @Test
    void noWebhookGoesToAPersonWatchingTheSessionAndOneThatNeverTakesItIsKeptWithItsLastError() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount watching = Api.newAccount(accounts, "operator");
        Api.NewAccount away = Api.newAccount(accounts, "viewer");
        given().auth().oauth2(watching.token()).contentType(ContentType.JSON).body(Map.of("webhookUrl", webhookUrl() + "?watching"))
                .put("/api/v1/me/notifications").then().statusCode(200);
        given().auth().oauth2(away.token()).contentType(ContentType.JSON).body(Map.of("webhookUrl", webhookUrl() + "?away"))
                .put("/api/v1/me/notifications").then().statusCode(200);
        Api.Enrolled host = Api.enrolledHost(admin, "watched-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            share(admin, sessionId, watching.username(), "type");
            share(admin, sessionId, away.username(), "view");
            WsClient page = WsClient.connect(WsClient.ws(base, "/api/v1/events"), watching.token());
            assertThat(JSON.readTree(page.nextText()).path("type").asText()).isEqualTo("hello");
            page.sendText("{\"type\":\"viewing\",\"sessionId\":\"" + sessionId + "\"}");
            await().until(() -> viewers.watching(watching.username(), UUID.fromString(sessionId)));

            daemon.send(activity(sessionId, "needs-approval", "2026-12-07T08:00:01Z", "make deploy"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(forSession(sessionId)).hasSize(1));
            Thread.sleep(500);
            assertThat(forSession(sessionId)).extracting(body -> body.path("receivedAs").asText())
                    .as("the person with the session in view is not told").containsExactly("away");

            page.sendText("{\"type\":\"viewing\",\"sessionId\":null}");
            await().until(() -> !viewers.watching(watching.username(), UUID.fromString(sessionId)));
            failuresLeft.set(Integer.MAX_VALUE);
            int before = attempts.get();
            daemon.send(activity(sessionId, "working", "2026-12-07T08:00:02Z", null));
            daemon.send(activity(sessionId, "needs-answer", "2026-12-07T08:00:03Z", "Which colour?"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode settings = JSON.valueToTree(given().auth().oauth2(watching.token()).get("/api/v1/me/notifications")
                        .then().statusCode(200).extract().as(Map.class));
                assertThat(settings.path("failedWebhooks")).hasSize(1);
                JsonNode failed = settings.path("failedWebhooks").get(0);
                assertThat(failed.path("sessionId").asText()).isEqualTo(sessionId);
                assertThat(failed.path("state").asText()).isEqualTo("needs-answer");
                assertThat(failed.path("since").asText()).isEqualTo("2026-12-07T08:00:03Z");
                assertThat(failed.path("attempts").asInt()).isEqualTo(4);
                assertThat(failed.path("lastError").asText()).isEqualTo("answered 503");
                assertThat(failed.path("failedAt").asText()).isNotBlank();
            });
            await().untilAsserted(() -> assertThat(attempts.get() - before).as("4 attempts for each of the two people").isEqualTo(8));
            assertThat(given().auth().oauth2(admin).get("/api/v1/me/notifications").then().statusCode(200).extract()
                    .<List<Object>>path("failedWebhooks")).as("only the person's own").isEmpty();

            page.sendText("{\"type\":\"subscribe\"}");
            assertThat(page.awaitClose()).isEqualTo(1008);
        }
    }

    private List<JsonNode> forSession(String sessionId) {
        return received.stream().filter(body -> sessionId.equals(body.path("sessionId").asText())).toList();
    }

    @Test
    void aDecisionIsCarriedToTheDaemonRecordedWithWhoAndWhenAndRefusedToViewers() throws Exception {
        String admin = Api.adminToken();
        String operator = Api.tokenForNewAccount(accounts, "operator");
        String operatorName = given().auth().oauth2(operator).get("/api/v1/me").then().extract().path("username");
        Api.NewAccount watcher = Api.newAccount(accounts, "viewer");
        String viewer = watcher.token();
        String stranger = Api.tokenForNewAccount(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "approve-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            share(admin, sessionId, operatorName, "type");
            share(admin, sessionId, watcher.username(), "view");
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("decision", "allow"))
                    .post("/api/v1/sessions/" + sessionId + "/decisions").then().statusCode(404);
            Map<String, Object> deny = Map.of("decision", "deny", "reason", "not on a Friday");
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(deny)
                    .post("/api/v1/sessions/" + sessionId + "/decisions").then().statusCode(409);

            daemon.send(activity(sessionId, "needs-approval", "2026-12-07T08:00:01Z", "make deploy"));
            await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId)
                    .<String>path("activity")).isEqualTo("needs-approval"));
            given().auth().oauth2(viewer).contentType(ContentType.JSON).body(deny)
                    .post("/api/v1/sessions/" + sessionId + "/decisions").then().statusCode(403);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("decision", "maybe"))
                    .post("/api/v1/sessions/" + sessionId + "/decisions").then().statusCode(400);

            CompletableFuture<io.restassured.response.ExtractableResponse<io.restassured.response.Response>> decided =
                    CompletableFuture.supplyAsync(() -> given().auth().oauth2(operator).contentType(ContentType.JSON).body(deny)
                            .post("/api/v1/sessions/" + sessionId + "/decisions").then().extract());
            JsonNode decide = until(daemon, "decide");
            assertThat(decide.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(decide.path("allow").asBoolean()).isFalse();
            assertThat(decide.path("reason").asText()).isEqualTo("not on a Friday");
            assertThat(decide.path("decidedBy").asText()).isEqualTo(operatorName);
            daemon.send(Map.of("type", "decided", "requestId", decide.path("requestId").asText(), "sessionId", sessionId,
                    "via", "hook", "detail", "make deploy"));
            var answer = decided.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.<String>path("decidedBy")).isEqualTo(operatorName);
            assertThat(answer.<String>path("decision")).isEqualTo("deny");
            assertThat(answer.<String>path("via")).isEqualTo("hook");

            // Nothing waits on the host any more: the daemon says so and the hub answers 409.
            CompletableFuture<io.restassured.response.ExtractableResponse<io.restassured.response.Response>> late =
                    CompletableFuture.supplyAsync(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                            .body(Map.of("decision", "allow")).post("/api/v1/sessions/" + sessionId + "/decisions").then().extract());
            JsonNode again = until(daemon, "decide");
            daemon.send(Map.of("type", "request-failed", "requestId", again.path("requestId").asText(),
                    "reason", "the agent is not waiting for a decision"));
            assertThat(late.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(409);

            var history = given().auth().oauth2(viewer).get("/api/v1/sessions/" + sessionId + "/decisions").then().statusCode(200)
                    .extract();
            assertThat(history.<List<String>>path("decidedBy")).containsExactly(operatorName);
            assertThat(history.<List<String>>path("decision")).containsExactly("deny");
            assertThat(history.<List<String>>path("reason")).containsExactly("not on a Friday");
            assertThat(history.<List<String>>path("detail")).containsExactly("make deploy");
            assertThat(history.<List<String>>path("decidedAt")).hasSize(1);

            var audited = given().auth().oauth2(admin).queryParam("target", "session:" + sessionId)
                    .queryParam("action", "approval.denied").get("/api/v1/audit").then().statusCode(200).extract();
            assertThat(audited.<List<String>>path("actor")).as("the one decision that reached the agent").containsExactly(operatorName);
            assertThat(audited.<List<String>>path("detail.reason")).containsExactly("not on a Friday");
            assertThat(audited.<List<String>>path("detail.asked")).containsExactly("make deploy");
        }
    }

    private static void share(String admin, String session, String username, String access) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("access", access))
                .put("/api/v1/sessions/" + session + "/shares/" + username).then().statusCode(200);
    }
}
