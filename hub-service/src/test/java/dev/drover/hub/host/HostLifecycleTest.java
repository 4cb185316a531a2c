package dev.drover.hub.host;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Heartbeats and liveness, rename and labels, revocation (heartbeat timeout is 3 s in %test). */
@QuarkusTest
class HostLifecycleTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void heartbeatHealthIsStoredAndShown() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon ignored = FakeDaemon.connect(base, host, List.of())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(admin)
                    .get("/api/v1/hosts/" + host.id())
                    .then().statusCode(200)
                    .body("health.cpuPercent", equalTo(12.5f))
                    .body("health.memoryTotalBytes", equalTo(16_000_000_000L))
                    .body("health.memoryAvailableBytes", equalTo(6_000_000_000L))
                    .body("health.diskFreeBytes", equalTo(200_000_000_000L))
                    .body("health.load1", equalTo(0.5f))
                    .body("health.kernelVersion", equalTo("6.8.0-test"))
                    .body("health.tmuxVersion", equalTo("tmux 3.4"))
                    .body("health.gitVersion", nullValue())
                    .body("health.sessionIsolation", equalTo("unavailable"))
                    .body("health.sessionIsolationReason", equalTo("unshare: unshare failed: Operation not permitted"))
                    .body("lastHeartbeatAt", notNullValue())
                    .body("online", equalTo(true)));
            Thread.sleep(4_000);
            given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                    .then().body("online", equalTo(true));
        }
    }

    @Test
    void aConnectedButSilentDaemonGoesOfflineAndItsSocketIsClosed() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connectSilent(base, host, List.of())) {
            long connected = System.nanoTime();
            given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then().body("online", equalTo(true));
            assertThat(daemon.socket.awaitClose()).isEqualTo(4408);
            assertThat(daemon.socket.closeReason).isEqualTo("heartbeat timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - connected)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));
            given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then().body("online", equalTo(false));
        }
    }

    @Test
    void viewersOfASilentDaemonAreToldAtOnceNotWhenItsSocketFinallyCloses() throws Exception {
        // Regression: frames arriving late on a timed-out link (the network is back) made the host look
        // online through it, and new viewers were attached to a link that was closing.
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal"), admin);
            daemon.expect("open-stream");
            daemon.goQuiet();
            assertThat(daemon.socket.awaitClose()).isEqualTo(4408);
            assertThat(viewer.closeCode.get(2, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4503);

            daemon.send(Map.of("type", "heartbeat", "health", FakeDaemon.HEALTH));
            Thread.sleep(500);
            given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then()
                    .body("online", equalTo(false));
            assertThat(WsClient.connect(WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal"), admin).awaitClose())
                    .as("a viewer attaching now is not served by the timed-out link").isEqualTo(4503);
        }
    }

    @Test
    void anAdminRenamesAndLabelsAHost() {
        String admin = Api.adminToken();
        Api.NewHost host = Api.createHost(admin, "host-" + UUID.randomUUID());
        String name = "gpu-01." + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "labels", Map.of("gpu", "a100", "zone", "eu-west")))
                .patch("/api/v1/hosts/" + host.id())
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("labels.gpu", equalTo("a100"))
                .body("labels.zone", equalTo("eu-west"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("labels", Map.of("gpu", "h100")))
                .patch("/api/v1/hosts/" + host.id())
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("labels.size()", equalTo(1))
                .body("labels.gpu", equalTo("h100"));
        given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .then().body("name", equalTo(name)).body("labels.gpu", equalTo("h100"));
    }

    @Test
    void invalidRenamesAndLabelsAreRefused() {
        String admin = Api.adminToken();
        Api.NewHost host = Api.createHost(admin, "host-" + UUID.randomUUID());
        Api.NewHost other = Api.createHost(admin, "host-" + UUID.randomUUID());
        String otherName = given().auth().oauth2(admin).get("/api/v1/hosts/" + other.id()).path("name");

        patch(admin, host.id(), Map.of("name", "has space")).statusCode(400)
                .contentType(startsWith("application/problem+json"));
        patch(admin, host.id(), Map.of("name", "")).statusCode(400);
        patch(admin, host.id(), Map.of("name", "x".repeat(65))).statusCode(400);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("name", "rm -rf;box"))
                .post("/api/v1/hosts").then().statusCode(400)
                .body("detail", equalTo("a host name is 1-64 letters, digits, dots, underscores or dashes"));
        patch(admin, host.id(), Map.of("name", otherName)).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("a host named " + otherName + " exists"));

        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 21).forEach(i -> many.put("k" + i, "v"));
        patch(admin, host.id(), Map.of("labels", many)).statusCode(400)
                .body("detail", equalTo("a host has at most 20 labels"));
        patch(admin, host.id(), Map.of("labels", Map.of("k", "v".repeat(65)))).statusCode(400);
        patch(admin, host.id(), Map.of("labels", Map.of("k", "bad\u0007value"))).statusCode(400)
                .body("detail", equalTo("labels must not contain control characters"));
        patch(admin, UUID.randomUUID().toString(), Map.of("name", "nobody")).statusCode(404);

        String viewer = Api.tokenForNewAccount(accounts, "viewer");
        patch(viewer, host.id(), Map.of("name", "by-viewer")).statusCode(403);
        given().auth().oauth2(viewer).post("/api/v1/hosts/" + host.id() + "/revoke").then().statusCode(403);
    }

    @Test
    void revokingAHostClosesItsSocketEndsItsSessionsAndRefusesItsCredential() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            given().auth().oauth2(admin).post("/api/v1/hosts/" + host.id() + "/revoke")
                    .then().statusCode(200)
                    .body("revoked", equalTo(true))
                    .body("online", equalTo(false));
            assertThat(daemon.socket.awaitClose()).isEqualTo(4403);
            var ended = given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).then().extract();
            assertThat(ended.<String>path("state")).isEqualTo("lost");
            assertThat(ended.<String>path("stopReason")).isEqualTo("host-revoked");
        }
        assertThat(WsClient.refusedStatus(WsClient.ws(base, "/api/v1/daemon/connect"), host.credential())).isEqualTo(403);
        List<String> listed = given().auth().oauth2(admin).get("/api/v1/hosts").path("findAll { it.revoked }.id");
        assertThat(listed).contains(host.id().toString());

        given().auth().oauth2(admin).delete("/api/v1/hosts/" + host.id()).then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then().statusCode(404);
        List<String> remaining = given().auth().oauth2(admin).get("/api/v1/hosts").path("id");
        assertThat(remaining).doesNotContain(host.id().toString());
    }

    private static io.restassured.response.ValidatableResponse patch(String token, String id, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .patch("/api/v1/hosts/" + id).then();
    }
}
