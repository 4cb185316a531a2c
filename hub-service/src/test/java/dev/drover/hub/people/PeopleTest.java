package dev.drover.hub.people;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Admins manage local accounts over /api/v1/users: creation, validation, the last-admin guard, who may do it. */
@QuarkusTest
class PeopleTest {

    @Inject
    AccountService accounts;

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response create(String admin, String username, String role, String password) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "role", role));
        if (password != null) {
            body.put("password", password);
        }
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/users");
    }

    static Response patch(String admin, String id, Map<String, Object> body) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).patch("/api/v1/users/" + id);
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login");
    }

    @Test
    void adminCreatesAnAccountWithAPasswordAndTheListShowsItsLastLogin() {
        String admin = Api.adminToken();
        String username = uniqueName("viewer");

        Response created = create(admin, username, "viewer", "a-long-enough-password");
        created.then().statusCode(201)
                .body("user.username", equalTo(username))
                .body("user.role", equalTo("viewer"))
                .body("user.disabled", equalTo(false))
                .body("user.passwordChangeRequired", equalTo(false))
                .body("user.lastLoginAt", nullValue())
                .body("oneTimePassword", nullValue());
        String id = created.path("user.id");
        assertThat(person(admin, id).get("lastLoginAt")).isNull();

        login(username, "a-long-enough-password").then().statusCode(200)
                .body("user.roles", equalTo(List.of("viewer")))
                .body("user.passwordChangeRequired", equalTo(false));

        Map<String, Object> listed = person(admin, id);
        assertThat(listed.get("role")).isEqualTo("viewer");
        assertThat(listed.get("createdAt")).isNotNull();
        assertThat(listed.get("lastLoginAt")).as("signed in once").isNotNull();
    }

    @Test
    void aOneTimePasswordIsShownOnceAndAllowsNothingButChoosingANewOne() {
        String admin = Api.adminToken();
        String username = uniqueName("operator");

        Response created = create(admin, username, "operator", null);
        created.then().statusCode(201)
                .body("user.role", equalTo("operator"))
                .body("user.passwordChangeRequired", equalTo(true));
        String oneTime = created.path("oneTimePassword");
        assertThat(oneTime).hasSize(24);

        String token = login(username, oneTime).then().statusCode(200)
                .body("user.roles", equalTo(List.of()))
                .body("user.passwordChangeRequired", equalTo(true))
                .extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of()))
                .body("passwordChangeRequired", equalTo(true));
        given().auth().oauth2(token).get("/api/v1/sessions").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/hosts").then().statusCode(403);

        changePassword(token, oneTime, "my-own-new-password").then().statusCode(204);

        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of("operator")))
                .body("passwordChangeRequired", equalTo(false));
        given().auth().oauth2(token).get("/api/v1/sessions").then().statusCode(200);
        login(username, oneTime).then().statusCode(401);
        login(username, "my-own-new-password").then().statusCode(200);
        assertThat(person(admin, created.path("user.id")).get("passwordChangeRequired")).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "nul\u0000byte", "bell\u0007", "ünïcode",
            "a-name-that-is-far-too-long-for-an-account-because-it-goes-past-64-chars"})
    void badUserNamesAreRefused(String username) {
        create(Api.adminToken(), username, "viewer", null).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void badRolesAndPasswordsAreRefusedWithTheRule() {
        String admin = Api.adminToken();
        create(admin, uniqueName("x"), "root", null).then().statusCode(400)
                .body("detail", containsString("role must be admin, operator or viewer"));
        create(admin, uniqueName("x"), "viewer", "short").then().statusCode(400)
                .body("detail", containsString("at least 12 characters"));
        create(admin, uniqueName("x"), "viewer", "é".repeat(40)).then().statusCode(400)
                .body("detail", containsString("at most 72 bytes"));
        create(admin, uniqueName("x"), "viewer", "control\u0001character").then().statusCode(400);
        String username = uniqueName("same-as-the-password");
        create(admin, username, "viewer", username).then().statusCode(400)
                .body("detail", containsString("must not be the user name"));
    }

    @Test
    void aTakenNameIsAConflictInAnyCase() {
        String admin = Api.adminToken();
        String username = uniqueName("taken");
        create(admin, username, "viewer", null).then().statusCode(201);

        create(admin, username, "operator", null).then().statusCode(409)
                .body("detail", equalTo("a user named " + username + " exists"));
        create(admin, username.toUpperCase(), "operator", null).then().statusCode(409);
    }

    @Test
    void aNewAccountGivenARemovedOnesNameInheritedItsSessions() throws Exception {
        String admin = Api.adminToken();
        String username = uniqueName("leaver");
        String id = create(admin, username, "operator", "a-long-enough-password").path("user.id");
        UUID session = UUID.randomUUID();
        Api.insertSession(session, UUID.fromString(Api.createHost(admin, uniqueName("host")).id()), username);
        given().auth().oauth2(login(username, "a-long-enough-password").<String>path("token"))
                .get("/api/v1/sessions/" + session).then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/users/" + id).then().statusCode(204);

        String refusal = "the name " + username + " belonged to a removed account and is not given again; choose another";
        create(admin, username, "operator", "a-long-enough-password").then().statusCode(409)
                .body("detail", equalTo(refusal));
        create(admin, username.toUpperCase(), "viewer", null).then().statusCode(409)
                .body("detail", equalTo("the name " + username.toUpperCase()
                        + " belonged to a removed account and is not given again; choose another"));
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> accounts.create(username,
                "a-long-enough-password", Set.of("operator"))))
                .as("any other way of making an account (the first admin, a sign-in that provisions one)")
                .hasStackTraceContaining("belonged to a removed account");
        login(username, "a-long-enough-password").then().statusCode(401);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledDemotedOrRemoved() {
        String admin = Api.adminToken();
        List<String> otherAdmins = Api.enabledAdminsBut(admin, "admin");
        otherAdmins.forEach(id -> patch(admin, id, Map.of("disabled", true)).then().statusCode(200));
        try {
            String self = Api.userId(admin, "admin");
            patch(admin, self, Map.of("disabled", true)).then().statusCode(409)
                    .body("detail", equalTo("cannot disable admin: it is the last enabled admin; make another account admin first"));
            patch(admin, self, Map.of("role", "operator")).then().statusCode(409)
                    .body("detail", containsString("cannot demote admin"));
            given().auth().oauth2(admin).delete("/api/v1/users/" + self).then().statusCode(409)
                    .body("detail", containsString("cannot remove admin"));
            patch(admin, self, Map.of("role", "admin", "disabled", false)).then().statusCode(200);
            given().auth().oauth2(admin).get("/api/v1/me").then().statusCode(200);

            String second = create(admin, uniqueName("second-admin"), "admin", null).path("user.id");
            patch(admin, second, Map.of("disabled", true)).then().statusCode(200).body("disabled", equalTo(true));
            patch(admin, self, Map.of("role", "viewer")).then().statusCode(409);
            patch(admin, second, Map.of("disabled", false)).then().statusCode(200);
            patch(admin, second, Map.of("role", "operator")).then().statusCode(200).body("role", equalTo("operator"));
            given().auth().oauth2(admin).delete("/api/v1/users/" + second).then().statusCode(204);
        } finally {
            otherAdmins.forEach(id -> patch(admin, id, Map.of("disabled", false)).then().statusCode(200));
        }
    }

    @Test
    void anEmptyChangeOrAnUnknownAccountIsRefused() {
        String admin = Api.adminToken();
        String id = create(admin, uniqueName("x"), "viewer", null).path("user.id");
        patch(admin, id, Map.of()).then().statusCode(400).body("detail", equalTo("give role, disabled or both"));
        patch(admin, UUID.randomUUID().toString(), Map.of("disabled", true)).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "viewer"})
    void onlyAdminsManageAccounts(String role) {
        String admin = Api.adminToken();
        String target = create(admin, uniqueName("target"), "viewer", null).path("user.id");
        String username = uniqueName(role);
        create(admin, username, role, "a-long-enough-password").then().statusCode(201);
        String token = login(username, "a-long-enough-password").path("token");

        given().auth().oauth2(token).get("/api/v1/users").then().statusCode(403);
        create(token, uniqueName("sneaky"), "admin", "a-long-enough-password").then().statusCode(403);
        patch(token, target, Map.of("role", "admin")).then().statusCode(403);
        given().auth().oauth2(token).delete("/api/v1/users/" + target).then().statusCode(403);
        given().get("/api/v1/users").then().statusCode(401);
        assertThat(person(admin, target).get("role")).as("nothing changed").isEqualTo("viewer");
    }

    static Response changePassword(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .put("/api/v1/me/password");
    }

    static Map<String, Object> person(String admin, String id) {
        List<Map<String, Object>> all = given().auth().oauth2(admin).get("/api/v1/users")
                .then().statusCode(200).extract().path("");
        return all.stream().filter(p -> id.equals(p.get("id"))).findFirst().orElse(null);
    }
}
