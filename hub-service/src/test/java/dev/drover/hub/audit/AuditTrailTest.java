package dev.drover.hub.audit;

import dev.drover.hub.audit.service.AuditRetention;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail: what each wired action records, that entries cannot be changed or deleted but by
 * the retention job, the admin-only search with its filters, and the CSV export.
 */
@QuarkusTest
class AuditTrailTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AuditRetention retention;

    private static List<Map<String, Object>> entries(String admin, Map<String, String> query) {
        return given().auth().oauth2(admin).queryParams(query).get("/api/v1/audit")
                .then().statusCode(200).extract().path("");
    }

    private static Map<String, Object> only(String admin, String action, String target) {
        List<Map<String, Object>> found = entries(admin, Map.of("action", action, "target", target));
        assertThat(found).as(action + " on " + target).hasSize(1);
        return found.get(0);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void loginsAndTheirFailuresAreRecordedWithTheAddress() {
        String admin = Api.adminToken();
        String username = name("someone");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", "viewer", "password", "a-long-enough-password"))
                .post("/api/v1/users").then().statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-password-1"))
                .post("/api/v1/auth/login").then().statusCode(401);
        Api.login(username, "a-long-enough-password");

        Map<String, Object> failed = only(admin, "login.failed", "user:" + username);
        assertThat(failed.get("actor")).isEqualTo(username);
        assertThat(failed.get("address")).isEqualTo("127.0.0.1");
        assertThat(failed.get("detail")).isEqualTo(Map.of("reason", "unknown user or wrong password"));
        List<Map<String, Object>> logins = entries(admin, Map.of("action", "login", "target", "user:" + username));
        assertThat(logins).as("the family login holds login and login.failed").extracting(entry -> entry.get("action"))
                .containsExactly("login", "login.failed");
        assertThat(logins.get(0).get("actor")).isEqualTo(username);
        Map<String, Object> created = only(admin, "user.created", "user:" + username);
        assertThat(created.get("actor")).isEqualTo("admin");
        assertThat(created.get("detail")).isEqualTo(Map.of("role", "viewer", "oneTimePassword", false));
        assertThat(entries(admin, Map.of("q", username + " wrong"))).extracting(entry -> entry.get("action"))
                .containsExactly("login.failed");
    }

    @Test
    void peopleTokensHostsSessionsBudgetsAndTerminalInputAreRecorded() throws Exception {
        String admin = Api.adminToken();
        String username = name("op");
        String userId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", "operator", "password", "a-long-enough-password"))
                .post("/api/v1/users").then().statusCode(201).extract().path("user.id");
        String operator = Api.login(username, "a-long-enough-password");
        Response token = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("name", "script", "role", "operator", "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/v1/me/tokens");
        String tokenId = token.path("token.id");
        String secret = token.path("secret");

        Api.Enrolled host = Api.enrolledHost(admin, name("host"));
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(secret);
            WsClient terminal = WsClient.connect(WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal"), secret);
            terminal.nextText();
            terminal.sendBinary("ls".getBytes(StandardCharsets.UTF_8));
            terminal.sendBinary(" -la\r".getBytes(StandardCharsets.UTF_8));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("costUsd", "2.50"))
                    .put("/api/v1/sessions/" + sessionId + "/budget").then().statusCode(200);
            given().auth().oauth2(secret).post("/api/v1/sessions/" + sessionId + "/stop").then().statusCode(202);

            Map<String, Object> spawned = only(admin, "session.spawned", "session:" + sessionId);
            assertThat(spawned.get("actor")).isEqualTo(username);
            assertThat(spawned.get("token")).as("the token it acted through").isEqualTo("script");
            assertThat(only(admin, "session.stopped", "session:" + sessionId).get("token")).isEqualTo("script");
            assertThat(only(admin, "budget.changed", "session:" + sessionId).get("detail"))
                    .isEqualTo(Map.of("scope", "session", "costUsd", "2.50"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !entries(admin, Map.of("action", "terminal.input", "target", "session:" + sessionId)).isEmpty());
            Map<String, Object> typed = only(admin, "terminal.input", "session:" + sessionId);
            assertThat(typed.get("actor")).isEqualTo(username);
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = (Map<String, Object>) typed.get("detail");
            assertThat(detail).containsEntry("bytes", 7).containsEntry("messages", 2).doesNotContainKey("content");
            terminal.close();
        }
        given().auth().oauth2(admin).post("/api/v1/hosts/" + host.id() + "/revoke").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/hosts/" + host.id()).then().statusCode(204);
        given().auth().oauth2(operator).delete("/api/v1/me/tokens/" + tokenId).then().statusCode(204);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .patch("/api/v1/users/" + userId).then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/users/" + userId).then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/users/" + userId).then().statusCode(204);

        assertThat(only(admin, "token.created", "token:" + tokenId).get("detail")).isEqualTo(Map.of(
                "name", "script", "role", "operator", "owner", username,
                "expiresAt", ((Map<?, ?>) only(admin, "token.created", "token:" + tokenId).get("detail")).get("expiresAt")));
        Map<String, Object> revoked = only(admin, "token.revoked", "token:" + tokenId);
        assertThat(revoked.get("actor")).isEqualTo(username);
        assertThat(revoked.get("detail")).isEqualTo(Map.of("name", "script", "owner", username));
        String hostTarget = "host:" + host.id();
        assertThat(only(admin, "host.created", hostTarget).get("actor")).isEqualTo("admin");
        assertThat(only(admin, "host.enrolled", hostTarget).get("actor")).isEqualTo(hostTarget);
        assertThat(only(admin, "host.revoked", hostTarget).get("actor")).isEqualTo("admin");
        assertThat(only(admin, "host.removed", hostTarget).get("actor")).isEqualTo("admin");
        assertThat(entries(admin, Map.of("target", "user:" + username, "action", "user")))
                .extracting(entry -> entry.get("action"))
                .containsExactly("user.removed", "user.disabled", "user.role-changed", "user.created");
    }

    @Test
    void entriesCannotBeChangedOrDeletedButByTheRetentionJob() throws Throwable {
        String old = name("ancient");
        String recent = name("recent");
        try (Connection connection = Api.jdbc(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO audit_entry (at, actor, action) VALUES (now() - interval '400 days', '" + old + "', 'login')");
            sql.executeUpdate("INSERT INTO audit_entry (at, actor, action) VALUES (now() - interval '300 days', '" + recent + "', 'login')");
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_entry SET actor = 'someone else' WHERE actor = '" + recent + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_entry WHERE actor = '" + recent + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("TRUNCATE audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }

        int deleted = VertxContextSupport.subscribeAndAwait(() -> retention.purge());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        String admin = Api.adminToken();
        assertThat(entries(admin, Map.of("actor", old))).as("older than the 365 days kept").isEmpty();
        assertThat(entries(admin, Map.of("actor", recent))).hasSize(1);
    }

    @Test
    void searchFiltersByTimeAndPagesWithTheTotal() throws Exception {
        String actor = name("pager");
        try (Connection connection = Api.jdbc(); Statement sql = connection.createStatement()) {
            for (int i = 0; i < 5; i++) {
                sql.executeUpdate("INSERT INTO audit_entry (at, actor, action, target, detail) VALUES ("
                        + "timestamptz '2026-01-0" + (i + 1) + "T10:00:00Z', '" + actor + "', 'budget.changed', 'budget:" + i
                        + "', '{\"costUsd\": \"" + i + "\"}')");
            }
        }
        String admin = Api.adminToken();

        Response page = given().auth().oauth2(admin)
                .queryParams(Map.of("actor", actor, "from", "2026-01-02T00:00:00Z", "to", "2026-01-05T00:00:00Z",
                        "limit", "2", "page", "2"))
                .get("/api/v1/audit");
        page.then().statusCode(200).header("X-Total-Count", "3");
        assertThat(page.<List<String>>path("target")).containsExactly("budget:1");
        assertThat(entries(admin, Map.of("actor", actor, "q", "costUsd \"3\""))).extracting(entry -> entry.get("target"))
                .containsExactly("budget:3");

        given().auth().oauth2(admin).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("detail", equalTo("from must be an ISO-8601 instant such as 2026-12-07T10:00:00Z"));
        given().auth().oauth2(admin).queryParam("limit", "0").get("/api/v1/audit").then().statusCode(400);
    }

    @Test
    void csvExportQuotesAndDefusesFormulas() throws Exception {
        String actor = "=HYPERLINK(\"x\")," + name("csv");
        try (Connection connection = Api.jdbc(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO audit_entry (at, actor, action, target, detail) VALUES ("
                    + "timestamptz '2026-02-01T10:00:00Z', '" + actor.replace("'", "''") + "', 'login', 'user:x', '{\"a\": 1}')");
        }

        Response csv = given().auth().oauth2(Api.adminToken()).accept("text/csv").queryParam("actor", actor).get("/api/v1/audit");

        csv.then().statusCode(200).contentType("text/csv").header("X-Total-Count", "1");
        String[] lines = csv.asString().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,at,actor,token,action,target,address,detail");
        assertThat(lines[1]).endsWith(",2026-02-01T10:00:00Z,\"'" + actor.replace("\"", "\"\"") + "\",,login,user:x,,\"{\"\"a\"\":1}\"");
    }

    @Test
    void onlyAdminsReadTheTrail() throws Throwable {
        Map<String, Object> body = new HashMap<>(Map.of("username", name("op"), "role", "operator", "password", "a-long-enough-password"));
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(body).post("/api/v1/users").then().statusCode(201);
        String operator = Api.login((String) body.get("username"), "a-long-enough-password");

        given().auth().oauth2(operator).get("/api/v1/audit").then().statusCode(403);
        given().get("/api/v1/audit").then().statusCode(401);
    }
}
