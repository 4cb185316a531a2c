package dev.drover.hub.people;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Where people are signed in (ADR 0028): each login with its address, browser and last use; a
 * person ends their other logins, an admin one or all of anyone's, and the ended login's token and
 * sockets stop at once. Real PostgreSQL and WebSockets.
 */
@QuarkusTest
class LoginsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void aPersonSeesWhereTheyAreSignedInAndEndsAnotherLoginAtOnce() throws Throwable {
        Api.NewAccount stranger = Api.newAccount(accounts, "operator");
        String password = "pw-" + UUID.randomUUID();
        String username = "logins-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, password, Set.of("viewer")));
        String laptop = given().contentType(ContentType.JSON).header("User-Agent", "Mozilla/5.0 (X11; Linux) Firefox/133.0")
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("token");
        String phone = given().contentType(ContentType.JSON).header("User-Agent", "Mozilla/5.0 (iPhone) Safari/605.1")
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("token");
        WsClient phoneEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), phone);
        assertThat(JSON.readTree(phoneEvents.nextText()).path("type").asText()).isEqualTo("hello");

        List<Map<String, Object>> logins = given().auth().oauth2(laptop).get("/api/v1/me/logins")
                .then().statusCode(200).extract().path("");
        assertThat(logins).hasSize(2);
        Map<String, Object> mine = logins.stream().filter(login -> Boolean.TRUE.equals(login.get("current"))).findFirst()
                .orElseThrow();
        assertThat(mine.get("userAgent")).isEqualTo("Mozilla/5.0 (X11; Linux) Firefox/133.0");
        assertThat(mine.get("address")).isEqualTo("127.0.0.1");
        assertThat(mine.get("lastSeenAt")).as("this very request used it").isNotNull();
        Map<String, Object> phoneLogin = logins.stream().filter(login -> !Boolean.TRUE.equals(login.get("current")))
                .findFirst().orElseThrow();
        assertThat(phoneLogin.get("userAgent")).isEqualTo("Mozilla/5.0 (iPhone) Safari/605.1");

        given().auth().oauth2(stranger.token()).delete("/api/v1/me/logins/" + phoneLogin.get("id")).then().statusCode(404);
        given().auth().oauth2(laptop).delete("/api/v1/me/logins/" + phoneLogin.get("id")).then().statusCode(204);
        assertThat(phoneEvents.awaitClose()).isEqualTo(1008);
        assertThat(phoneEvents.closeReason).isEqualTo("signed out from another login");
        given().auth().oauth2(phone).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(laptop).get("/api/v1/me/logins").then().statusCode(200).body("size()", is(1));
    }

    @Test
    void anAdminSeesWhereSomeoneIsSignedInAndEndsOneOrAllOfTheirLogins() throws Throwable {
        String admin = Api.adminToken();
        String password = "pw-" + UUID.randomUUID();
        String username = "ended-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, password, Set.of("operator")));
        String first = Api.login(username, password);
        String second = Api.login(username, password);
        String third = Api.login(username, password);
        String id = Api.userId(admin, username);
        WsClient firstEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), first);
        assertThat(JSON.readTree(firstEvents.nextText()).path("type").asText()).isEqualTo("hello");

        List<String> loginIds = given().auth().oauth2(admin).get("/api/v1/users/" + id + "/logins")
                .then().statusCode(200).extract().path("id");
        assertThat(loginIds).hasSize(3);
        assertThat(liveLogins(admin, username)).as("who is signed in, on the People list").isEqualTo(3);
        String firstId = jti(first);
        assertThat(loginIds).contains(firstId);
        given().auth().oauth2(admin).delete("/api/v1/users/" + id + "/logins/" + firstId).then().statusCode(204);
        assertThat(firstEvents.awaitClose()).isEqualTo(1008);
        assertThat(firstEvents.closeReason).isEqualTo("signed out by an admin");
        given().auth().oauth2(first).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(second).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/users/" + id + "/logins/" + firstId).then().statusCode(404);
        assertThat(liveLogins(admin, username)).isEqualTo(2);

        given().auth().oauth2(admin).delete("/api/v1/users/" + id + "/logins").then().statusCode(204);
        given().auth().oauth2(second).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(third).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(admin).get("/api/v1/users/" + id + "/logins").then().statusCode(200)
                .body("size()", is(0));
        assertThat(liveLogins(admin, username)).isZero();
        Api.login(username, password);
        assertThat(liveLogins(admin, username)).isEqualTo(1);
        given().auth().oauth2(admin).get("/api/v1/users/" + UUID.randomUUID() + "/logins").then().statusCode(404);
    }

    /** The live logins the People list shows for {@code username}. */
    private static int liveLogins(String admin, String username) {
        List<Map<String, Object>> people = given().auth().oauth2(admin).get("/api/v1/users").then().statusCode(200)
                .extract().path("");
        return people.stream().filter(person -> username.equals(person.get("username")))
                .map(person -> (Integer) person.get("liveLogins")).findFirst().orElseThrow();
    }

    private static String jti(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("jti").asText();
    }
}
