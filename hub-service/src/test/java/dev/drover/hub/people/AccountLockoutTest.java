package dev.drover.hub.people;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.drover.hub.people.PeopleTest.changePassword;
import static dev.drover.hub.people.PeopleTest.create;
import static dev.drover.hub.people.PeopleTest.login;
import static dev.drover.hub.people.PeopleTest.patch;
import static dev.drover.hub.people.PeopleTest.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Disabling, removing or changing an account ends its logins at once: its tokens get 401 on the
 * very next request (not after the live-check cache) and its terminal and event sockets close with 1008 and
 * a reason that says why (not the periodic sweep's). A password change ends the account's other logins.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLockoutTest {

    private static final String PASSWORD = "a-long-enough-password";

    @TestHTTPResource("/")
    URI base;

    private String admin;
    private FakeDaemon daemon;
    private String sessionId;
    private URI terminal;

    /** Once per class, but from the first test: RestAssured knows the hub's port only then. */
    @BeforeEach
    void hostWithASession() throws Exception {
        if (daemon != null) {
            return;
        }
        admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        daemon = FakeDaemon.connect(base, host, List.of());
        sessionId = daemon.spawnRunning(admin);
        terminal = WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal");
    }

    @AfterAll
    void closeDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private record Person(String id, String username, String token) {
    }

    /** A new account the admin's session is shared with (to type, as far as its role allows), signed in. */
    private Person newPerson(String role) {
        String username = uniqueName(role);
        String id = create(admin, username, role, PASSWORD).then().statusCode(201).extract().path("user.id");
        Api.share(admin, sessionId, username, "type");
        return new Person(id, username, login(username, PASSWORD).then().statusCode(200).extract().path("token"));
    }

    private static int me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").statusCode();
    }

    private WsClient attached(String token) throws InterruptedException {
        WsClient socket = WsClient.connect(terminal, token);
        assertThat(socket.nextText()).contains("\"attached\"");
        return socket;
    }

    @Test
    void disablingEndsTokensAndClosesSocketsAtOnceAndEnablingNeedsANewSignIn() throws Exception {
        Person person = newPerson("operator");
        Person bystander = newPerson("operator");
        WsClient socket = attached(person.token());
        WsClient events = WsClient.connect(WsClient.ws(base, "/api/v1/events"), person.token());
        assertThat(events.nextText()).contains("\"hello\"");
        WsClient staying = attached(bystander.token());
        assertThat(me(person.token())).as("checked, so the live check trusts it for a while").isEqualTo(200);

        patch(admin, person.id(), Map.of("disabled", true)).then().statusCode(200)
                .body("disabled", equalTo(true))
                .body("disabledAt", notNullValue());

        assertThat(me(person.token())).as("refused on the very next request").isEqualTo(401);
        assertThat(socket.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(socket.closeReason).isEqualTo("account disabled");
        assertThat(events.closeCode.get(2, TimeUnit.SECONDS)).as("the event socket too").isEqualTo(1008);
        assertThat(events.closeReason).isEqualTo("account disabled");
        login(person.username(), PASSWORD).then().statusCode(403)
                .body("detail", equalTo("this account is disabled; an administrator can enable it again"));
        login(person.username(), "a-wrong-password").then().statusCode(401)
                .body("detail", equalTo("unknown user or wrong password"));
        assertThat(WsClient.refusedStatus(terminal, person.token())).isEqualTo(401);

        patch(admin, person.id(), Map.of("disabled", false)).then().statusCode(200).body("disabled", equalTo(false));
        assertThat(me(person.token())).as("enabling does not bring old logins back").isEqualTo(401);
        String fresh = login(person.username(), PASSWORD).then().statusCode(200).extract().path("token");
        assertThat(me(fresh)).isEqualTo(200);

        assertThat(staying.closeCode).as("other people's sockets stay open").isNotDone();
        assertThat(me(bystander.token())).isEqualTo(200);
        staying.close();
    }

    @Test
    void removingEndsTokensAndClosesSockets() throws Exception {
        Person person = newPerson("viewer");
        WsClient socket = attached(person.token());
        assertThat(me(person.token())).isEqualTo(200);

        given().auth().oauth2(admin).delete("/api/v1/users/" + person.id()).then().statusCode(204);

        assertThat(me(person.token())).isEqualTo(401);
        assertThat(socket.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(socket.closeReason).isEqualTo("account removed");
        login(person.username(), PASSWORD).then().statusCode(401);
        given().auth().oauth2(admin).delete("/api/v1/users/" + person.id()).then().statusCode(404);
    }

    @Test
    void aNewRoleEndsTheLoginsThatCarryTheOldOne() throws Exception {
        Person person = newPerson("operator");
        WsClient socket = attached(person.token());
        assertThat(me(person.token())).isEqualTo(200);

        patch(admin, person.id(), Map.of("role", "viewer")).then().statusCode(200).body("role", equalTo("viewer"));

        assertThat(me(person.token())).isEqualTo(401);
        assertThat(socket.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(socket.closeReason).isEqualTo("role changed; sign in again");
        login(person.username(), PASSWORD).then().statusCode(200).body("user.roles", equalTo(List.of("viewer")));
    }

    @Test
    void aPasswordChangeEndsTheOtherLoginsAndKeepsThisOne() throws Exception {
        Person person = newPerson("operator");
        String otherLogin = login(person.username(), PASSWORD).path("token");
        WsClient otherSocket = attached(otherLogin);
        WsClient ownSocket = attached(person.token());

        changePassword(person.token(), "not-the-password", "another-long-password").then().statusCode(403)
                .body("detail", equalTo("the current password is wrong"));
        changePassword(person.token(), PASSWORD, "short").then().statusCode(400)
                .body("detail", containsString("at least 12 characters"));
        changePassword(person.token(), PASSWORD, PASSWORD).then().statusCode(400)
                .body("detail", equalTo("the new password must differ from the current one"));
        assertThat(me(otherLogin)).as("refused attempts change nothing").isEqualTo(200);

        changePassword(person.token(), PASSWORD, "another-long-password").then().statusCode(204);

        assertThat(me(otherLogin)).isEqualTo(401);
        assertThat(otherSocket.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(otherSocket.closeReason).isEqualTo("password changed; sign in again");
        assertThat(me(person.token())).as("the login that changed it stays").isEqualTo(200);
        assertThat(ownSocket.closeCode).isNotDone();
        login(person.username(), PASSWORD).then().statusCode(401);
        login(person.username(), "another-long-password").then().statusCode(200);
        ownSocket.close();
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeSignIns() {
        Person person = newPerson("viewer");
        for (int attempt = 1; attempt <= 6; attempt++) {
            changePassword(person.token(), "wrong-" + attempt, "another-long-password").then()
                    .statusCode(403);
        }
        changePassword(person.token(), PASSWORD, "another-long-password").then().statusCode(429)
                .header("Retry-After", notNullValue());
        assertThat(me(person.token())).isEqualTo(200);
    }

    @Test
    void withoutALoginThePasswordCannotBeChanged() {
        given().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"))
                .put("/api/v1/me/password").then().statusCode(401);
    }
}
