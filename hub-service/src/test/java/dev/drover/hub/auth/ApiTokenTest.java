package dev.drover.hub.auth;

import dev.drover.hub.account.service.AccountService;
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
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/**
 * Personal API tokens: created by a login with a name, a role no higher than the owner's and an
 * expiry, shown once and stored as a hash, accepted as a bearer on REST and sockets, refused at
 * once when revoked, expired, or when the owner is disabled, removed or demoted below them.
 */
@QuarkusTest
class ApiTokenTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private record Person(String id, String username, String login) {
    }

    private Person newPerson(String role) throws Throwable {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, "pw-of-" + username, Set.of(role)));
        return new Person(Api.userId(Api.adminToken(), username), username, Api.login(username, "pw-of-" + username));
    }

    private static Response create(String login, String name, String role, Instant expiresAt) {
        return given().auth().oauth2(login).contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", role, "expiresAt", expiresAt.toString()))
                .post("/api/v1/me/tokens");
    }

    private static String secret(String login, String name, String role) {
        return create(login, name, role, Instant.now().plus(30, ChronoUnit.DAYS))
                .then().statusCode(201).extract().path("secret");
    }

    private static int me(String bearer) {
        return given().auth().oauth2(bearer).get("/api/v1/me").statusCode();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndActsAsItsOwnerWithItsRole() throws Throwable {
        Person operator = newPerson("operator");
        Instant expiresAt = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Response created = create(operator.login(), "ci script", "viewer", expiresAt);
        created.then().statusCode(201)
                .body("token.name", equalTo("ci script"))
                .body("token.role", equalTo("viewer"))
                .body("token.expiresAt", equalTo(expiresAt.toString()))
                .body("token.lastUsedAt", nullValue())
                .body("secret", matchesPattern("drv_[0-9A-Za-z]{43}"));
        String secret = created.path("secret");
        String id = created.path("token.id");

        given().auth().oauth2(secret).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo(operator.username()))
                .body("roles", equalTo(List.of("viewer")));
        given().auth().oauth2(secret).get("/api/v1/sessions").then().statusCode(200);
        given().auth().oauth2(secret).contentType(ContentType.JSON).body(Map.of("hostId", UUID.randomUUID()))
                .post("/api/v1/sessions").then().statusCode(403);

        List<Map<String, Object>> listed = given().auth().oauth2(operator.login()).get("/api/v1/me/tokens")
                .then().statusCode(200).extract().path("");
        assertThat(listed).singleElement().satisfies(token -> {
            assertThat(token.get("id")).isEqualTo(id);
            assertThat(token).doesNotContainKey("secret");
        });

        try (Connection connection = Api.jdbc();
             PreparedStatement query = connection.prepareStatement("SELECT secret_hash FROM api_token WHERE id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes(1)).as("only the SHA-256 of the secret is stored")
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void aTokenIsNoHigherThanItsOwnerAndNeedsANameAndAnExpiry() throws Throwable {
        Person viewer = newPerson("viewer");
        Instant month = Instant.now().plus(30, ChronoUnit.DAYS);

        create(viewer.login(), "too high", "operator", month).then().statusCode(403);
        create(viewer.login(), "", "viewer", month).then().statusCode(400);
        create(viewer.login(), "past", "viewer", Instant.now().minusSeconds(60)).then().statusCode(400);
        create(viewer.login(), "forever", "viewer", Instant.now().plus(400, ChronoUnit.DAYS)).then().statusCode(400);
        create(viewer.login(), "twice", "viewer", month).then().statusCode(201);
        create(viewer.login(), "Twice", "viewer", month).then().statusCode(409);

        String secret = secret(viewer.login(), "no tokens from tokens", "viewer");
        create(secret, "child", "viewer", month).then().statusCode(403);
        given().auth().oauth2(secret).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "pw-of-" + viewer.username(), "newPassword", "a-brand-new-password"))
                .put("/api/v1/me/password").then().statusCode(403);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndItsSocketCloses() throws Throwable {
        String admin = Api.adminToken();
        Person operator = newPerson("operator");
        String secret = secret(operator.login(), "terminal", "operator");
        String id = given().auth().oauth2(operator.login()).get("/api/v1/me/tokens").then().extract().path("[0].id");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("access", "type"))
                    .put("/api/v1/sessions/" + sessionId + "/shares/" + operator.username()).then().statusCode(200);
            WsClient terminal = WsClient.connect(WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal"), secret);
            assertThat(terminal.nextText()).contains("\"attached\"");
            WsClient events = WsClient.connect(WsClient.ws(base, "/api/v1/events"), secret);
            assertThat(me(secret)).isEqualTo(200);

            given().auth().oauth2(operator.login()).delete("/api/v1/me/tokens/" + id).then().statusCode(204);

            assertThat(me(secret)).isEqualTo(401);
            assertThat(terminal.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(terminal.closeReason).isEqualTo("token revoked");
            assertThat(events.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(WsClient.refusedStatus(WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal"), secret))
                    .isEqualTo(401);
        }
        given().auth().oauth2(operator.login()).get("/api/v1/me/tokens").then()
                .body("[0].revokedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(operator.login()).delete("/api/v1/me/tokens/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anExpiredTokenIsRefused() throws Throwable {
        Person viewer = newPerson("viewer");
        String secret = secret(viewer.login(), "short", "viewer");
        assertThat(me(secret)).isEqualTo(200);

        sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE name = 'short' "
                + "AND account_id = ?::uuid", viewer.id());

        await().atMost(Duration.ofSeconds(5)).until(() -> me(secret) == 401);
    }

    @Test
    void disablingRemovingOrDemotingTheOwnerEndsTheTokensAtOnce() throws Throwable {
        String admin = Api.adminToken();
        Person disabled = newPerson("operator");
        String ofDisabled = secret(disabled.login(), "a", "viewer");
        Person removed = newPerson("operator");
        String ofRemoved = secret(removed.login(), "b", "operator");
        Person demoted = newPerson("operator");
        String above = secret(demoted.login(), "operator token", "operator");
        String within = secret(demoted.login(), "viewer token", "viewer");
        for (String secret : List.of(ofDisabled, ofRemoved, above, within)) {
            assertThat(me(secret)).isEqualTo(200);
        }

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/users/" + disabled.id()).then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/users/" + removed.id()).then().statusCode(204);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .patch("/api/v1/users/" + demoted.id()).then().statusCode(200);

        assertThat(me(ofDisabled)).isEqualTo(401);
        assertThat(me(ofRemoved)).isEqualTo(401);
        assertThat(me(above)).as("a token above its owner's new role").isEqualTo(401);
        assertThat(me(within)).as("a token within its owner's new role stays").isEqualTo(200);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("disabled", false))
                .patch("/api/v1/users/" + disabled.id()).then().statusCode(200);
        assertThat(me(ofDisabled)).as("enabling brings no revoked token back").isEqualTo(401);
    }

    @Test
    void aTokenIsRefusedWhenItsOwnerIsDemotedBehindTheHubsBack() throws Throwable {
        Person operator = newPerson("operator");
        String secret = secret(operator.login(), "db edit", "operator");
        assertThat(me(secret)).isEqualTo(200);

        sql("UPDATE account SET roles = '{viewer}' WHERE id = ?::uuid", operator.id());

        await().atMost(Duration.ofSeconds(5)).until(() -> me(secret) == 401);
    }

    @Test
    void adminsListAndRevokeAnyonesTokensOthersCannot() throws Throwable {
        String admin = Api.adminToken();
        Person owner = newPerson("operator");
        Person other = newPerson("operator");
        String secret = secret(owner.login(), "listed", "operator");
        String id = given().auth().oauth2(owner.login()).get("/api/v1/me/tokens").then().extract().path("[0].id");

        given().auth().oauth2(other.login()).get("/api/v1/users/" + owner.id() + "/tokens").then().statusCode(403);
        given().auth().oauth2(other.login()).delete("/api/v1/me/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/users/" + owner.id() + "/tokens").then().statusCode(200)
                .body("[0].name", equalTo("listed"));
        given().auth().oauth2(admin).delete("/api/v1/users/" + other.id() + "/tokens/" + id).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/v1/users/" + owner.id() + "/tokens/" + id).then().statusCode(204);

        assertThat(me(secret)).isEqualTo(401);
    }

    @Test
    void lastUsedIsRecordedAtMostOnceAMinute() throws Throwable {
        Person viewer = newPerson("viewer");
        String secret = secret(viewer.login(), "used", "viewer");
        Instant before = Instant.now().minusSeconds(1);

        assertThat(me(secret)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastUsed(viewer) != null);
        Instant first = lastUsed(viewer);
        assertThat(first).isAfter(before);

        sql("UPDATE api_token SET last_used_at = last_used_at - interval '30 seconds' WHERE account_id = ?::uuid", viewer.id());
        Instant moved = lastUsed(viewer);
        assertThat(me(secret)).isEqualTo(200);
        assertThat(me(secret)).isEqualTo(200);
        Thread.sleep(300);
        assertThat(lastUsed(viewer)).as("used again within the minute: not written").isEqualTo(moved);
    }

    private static Instant lastUsed(Person person) {
        String value = given().auth().oauth2(person.login()).get("/api/v1/me/tokens").then().extract().path("[0].lastUsedAt");
        return value == null ? null : Instant.parse(value);
    }

    private static void sql(String statement, String parameter) throws Exception {
        try (Connection connection = Api.jdbc(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, parameter);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
