package dev.drover.hub.session;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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

/** The agent activity a daemon reports: the session's current state and its history (ADR 0018). */
@QuarkusTest
class SessionActivityTest {

    private static final String T0 = "2026-12-07T08:00:00Z";
    private static final String T1 = "2026-12-07T08:00:01.250Z";
    private static final String T2 = "2026-12-07T08:00:04.500Z";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private static Map<String, Object> activity(String sessionId, String state, String since, String cause, String detail) {
        Map<String, Object> message = new HashMap<>(Map.of("type", "activity", "sessionId", sessionId, "state", state,
                "since", since, "cause", cause));
        message.put("detail", detail);
        return message;
    }

    @Test
    void theDaemonsTransitionsAreTheSessionsActivityAndItsHistoryOnceEachInTheirOrder() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        Api.Enrolled otherHost = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of());
                FakeDaemon other = FakeDaemon.connect(base, otherHost, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).<Object>path("activity")).isNull();

            daemon.send(activity(sessionId, "working", T1, "hook UserPromptSubmit", null));
            daemon.send(activity(sessionId, "needs-approval", T2, "hook PermissionRequest Bash", "rm -rf build"));
            // Repeated after a welcome, and one that was overtaken on its way: kept once, never current.
            daemon.send(activity(sessionId, "needs-approval", T2, "hook PermissionRequest Bash", "rm -rf build"));
            daemon.send(activity(sessionId, "idle", T0, "title \"◇  Ready (proj)\"", null));
            other.send(activity(sessionId, "idle", "2026-12-07T09:00:00Z", "intruder", null));

            await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId + "/activity")
                    .then().statusCode(200).extract().<List<String>>path("state")).hasSize(3));
            Thread.sleep(300);
            var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then().statusCode(200).extract();
            assertThat(shown.<String>path("activity")).isEqualTo("needs-approval");
            assertThat(shown.<String>path("activitySince")).isEqualTo(T2);
            assertThat(shown.<String>path("activityCause")).isEqualTo("hook PermissionRequest Bash");
            assertThat(shown.<String>path("activityDetail")).isEqualTo("rm -rf build");

            var history = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId + "/activity").then()
                    .statusCode(200).extract();
            assertThat(history.<List<String>>path("state")).containsExactly("idle", "working", "needs-approval");
            assertThat(history.<List<String>>path("since")).containsExactly(T0, T1, T2);
            assertThat(history.<List<String>>path("cause")).containsExactly("title \"◇  Ready (proj)\"", "hook UserPromptSubmit",
                    "hook PermissionRequest Bash");
            assertThat(history.<List<String>>path("detail")).containsExactly(null, null, "rm -rf build");

            daemon.send(activity(sessionId, "working", "2026-12-07T08:00:09Z", "screen: the prompt was answered", null));
            await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId)
                    .<String>path("activity")).isEqualTo("working"));
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).<Object>path("activityDetail")).isNull();
        }
    }

    @Test
    void aViewerReadsTheHistoryAndNobodyElseDoes() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            daemon.send(activity(sessionId, "idle", T0, "hook SessionStart", null));
            Api.NewAccount viewerAccount = Api.newAccount(accounts, "viewer");
            String viewer = viewerAccount.token();
            given().auth().oauth2(viewer).get("/api/v1/sessions/" + sessionId + "/activity").then().statusCode(404);
            Api.share(admin, sessionId, viewerAccount.username(), "view");
            await().untilAsserted(() -> assertThat(given().auth().oauth2(viewer).get("/api/v1/sessions/" + sessionId + "/activity")
                    .then().statusCode(200).extract().<List<String>>path("state")).containsExactly("idle"));
            given().get("/api/v1/sessions/" + sessionId + "/activity").then().statusCode(401);
            given().auth().oauth2("not-a-token").get("/api/v1/sessions/" + sessionId + "/activity").then().statusCode(401);
            given().auth().oauth2(viewer).get("/api/v1/sessions/" + UUID.randomUUID() + "/activity").then().statusCode(404);
        }
    }
}
