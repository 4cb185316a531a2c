package dev.drover.hub.auth;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.auth.service.SigningKeys;
import dev.drover.hub.auth.service.TokenVerification;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Logout, a removed account and a disabled account end their login tokens and close their terminals. */
@QuarkusTest
class TokenRevocationTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Inject
    SigningKeys keys;

    private record Person(String username, String token) {
    }

    private Person newPerson(String role) throws Throwable {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, "pw-of-" + username, Set.of(role)));
        return new Person(username, Api.login(username, "pw-of-" + username));
    }

    private static int me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").statusCode();
    }

    @Test
    void tokenIsRefusedAfterLogout() {
        String token = Api.adminToken();
        String other = Api.adminToken();
        assertThat(me(token)).isEqualTo(200);

        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);

        assertThat(me(token)).isEqualTo(401);
        assertThat(me(other)).as("another login of the same person stays").isEqualTo(200);
    }

    @Test
    void cookieIsRefusedAfterBrowserLogout() {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login");
        String session = login.getCookie("drover_session");
        String csrf = login.getCookie("drover_csrf");

        given().cookie("drover_session", session).cookie("drover_csrf", csrf).header("X-Drover-CSRF", csrf)
                .contentType(ContentType.JSON)
                .post("/api/v1/auth/logout").then().statusCode(204);

        given().cookie("drover_session", session).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokenIsRefusedOnceTheAccountRowIsDeleted() throws Throwable {
        Person person = newPerson("viewer");
        assertThat(me(person.token())).isEqualTo(200);

        sql("DELETE FROM account WHERE username = ?", person.username());

        await().atMost(Duration.ofSeconds(5)).until(() -> me(person.token()) == 401);
    }

    @Test
    void disabledAccountIsRefusedAndCannotSignIn() throws Throwable {
        Person person = newPerson("operator");

        sql("UPDATE account SET disabled_at = now() WHERE username = ?", person.username());

        await().atMost(Duration.ofSeconds(5)).until(() -> me(person.token()) == 401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", person.username(), "password", "pw-of-" + person.username()))
                .post("/api/v1/auth/login")
                .then().statusCode(403);
    }

    @Test
    void tokenWithoutLoginSessionIsRefused() {
        String unsessioned = Jwt.issuer(TokenVerification.ISSUER)
                .audience(TokenVerification.HUB_AUDIENCE)
                .subject("admin").upn("admin").groups(Set.of("admin"))
                .expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId(keys.keyId()).sign(keys.privateKey());

        assertThat(me(unsessioned)).isEqualTo(401);
    }

    @Test
    void logoutAndAccountRemovalCloseThatPersonsTerminals() throws Throwable {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            URI terminal = WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal");

            Person loggingOut = newPerson("operator");
            Api.share(admin, sessionId, loggingOut.username(), "type");
            WsClient first = WsClient.connect(terminal, loggingOut.token());
            assertThat(first.nextText()).contains("\"attached\"");
            Person removed = newPerson("viewer");
            Api.share(admin, sessionId, removed.username(), "view");
            WsClient second = WsClient.connect(terminal, removed.token());
            assertThat(second.nextText()).contains("\"attached\"");
            WsClient staying = WsClient.connect(terminal, admin);
            assertThat(staying.nextText()).contains("\"attached\"");

            given().auth().oauth2(loggingOut.token()).post("/api/v1/auth/logout").then().statusCode(204);
            assertThat(first.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(first.closeReason).isEqualTo("signed out");

            sql("DELETE FROM account WHERE username = ?", removed.username());
            assertThat(second.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
            assertThat(second.closeReason).isEqualTo("login session ended");

            assertThat(staying.closeCode).as("other people's terminals stay open").isNotDone();
            staying.close();
        }
    }

    private static void sql(String statement, String parameter) throws Exception {
        try (Connection connection = Api.jdbc(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, parameter);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
