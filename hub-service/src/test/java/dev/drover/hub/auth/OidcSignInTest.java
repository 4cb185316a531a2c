package dev.drover.hub.auth;

import dev.drover.hub.auth.service.LoginService;
import dev.drover.hub.auth.service.LoginService.OidcPerson;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the hub does once an OIDC provider has signed a person in (the browser flow itself runs
 * against a real Keycloak in system-tests' OidcLoginIT): the account is linked by issuer and
 * subject, created without a password the first time, gets the role its groups map to (the test
 * profile maps {@code drover-admins}, {@code drover-operators}, {@code drover-viewers}), and the
 * login is the hub's own, audited, and refused when no group maps or the account is disabled.
 */
@QuarkusTest
class OidcSignInTest {

    private static final String ISSUER = "https://idp.example/realms/test";

    @Inject
    LoginService logins;

    private LoginService.LoggedIn signIn(String subject, String name, Object groups) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> logins.login(new OidcPerson(ISSUER, subject, name, groups),
                "203.0.113.9", "test browser"));
    }

    @Test
    void aFirstSignInCreatesALinkedAccountWithoutPasswordWithTheHighestMappedRole() throws Throwable {
        String subject = UUID.randomUUID().toString();
        String name = "oidc-" + subject.substring(0, 8);

        LoginService.LoggedIn first = signIn(subject, name, List.of("drover-viewers", "drover-operators", "other"));

        assertThat(first.account().username).isEqualTo(name);
        assertThat(first.account().roles).containsExactly("operator");
        given().auth().oauth2(first.token().token()).get("/api/v1/me")
                .then().statusCode(200).body("username", equalTo(name)).body("roles", equalTo(List.of("operator")));
        try (Connection db = Api.jdbc();
             PreparedStatement row = db.prepareStatement(
                     "SELECT password_hash, oidc_issuer FROM account WHERE oidc_subject = ?")) {
            row.setString(1, subject);
            ResultSet found = row.executeQuery();
            assertThat(found.next()).isTrue();
            assertThat(found.getString("password_hash")).isNull();
            assertThat(found.getString("oidc_issuer")).isEqualTo(ISSUER);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "any-password-at-all"))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().auth().oauth2(first.token().token()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "any-password-at-all", "newPassword", "a-new-password-here"))
                .put("/api/v1/me/password")
                .then().statusCode(409).body("detail", equalTo("this account signs in through its identity provider and has no password here"));
        assertThat(audited("login", name)).isEqualTo(1);
    }

    @Test
    void theSameSubjectIsTheSameAccountAndAChangedGroupChangesTheRoleAndEndsOlderLogins() throws Throwable {
        String subject = UUID.randomUUID().toString();
        String name = "oidc-" + subject.substring(0, 8);
        LoginService.LoggedIn asViewer = signIn(subject, name, "drover-viewers");

        LoginService.LoggedIn asAdmin = signIn(subject, "someone-else-now", List.of("drover-admins"));

        assertThat(asAdmin.account().id).isEqualTo(asViewer.account().id);
        assertThat(asAdmin.account().username).isEqualTo(name);
        given().auth().oauth2(asAdmin.token().token()).get("/api/v1/users").then().statusCode(200);
        given().auth().oauth2(asViewer.token().token()).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aTakenNameGetsANumberInsteadOfTakingOverTheLocalAccount() throws Throwable {
        LoginService.LoggedIn linked = signIn(UUID.randomUUID().toString(), "admin", List.of("drover-viewers"));

        assertThat(linked.account().username).isEqualTo("admin-2");
        assertThat(linked.account().roles).containsExactly("viewer");
    }

    @Test
    void aRemovedAccountsNameIsNotGivenToANewlyLinkedPerson() throws Throwable {
        String retired = "oidc-gone-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = Api.jdbc();
             PreparedStatement row = db.prepareStatement("INSERT INTO retired_username (name, retired_at) VALUES (?, now())")) {
            row.setString(1, retired);
            row.executeUpdate();
        }

        LoginService.LoggedIn linked = signIn(UUID.randomUUID().toString(), retired, List.of("drover-operators"));

        assertThat(linked.account().username).isEqualTo(retired + "-2");
    }

    @Test
    void nobodyInAMappedGroupIsRefusedAndTheRefusalAudited() {
        String name = "oidc-nogroup-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> signIn(UUID.randomUUID().toString(), name, List.of("marketing")))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("in no group that Drover gives a role to");
        assertThat(audited("login.failed", name)).isEqualTo(1);
    }

    @Test
    void aDisabledLinkedAccountStaysRefused() throws Throwable {
        String subject = UUID.randomUUID().toString();
        LoginService.LoggedIn first = signIn(subject, "oidc-" + subject.substring(0, 8), "drover-operators");
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/api/v1/users/" + first.account().id).then().statusCode(200);

        assertThatThrownBy(() -> signIn(subject, "whatever", "drover-operators"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("this account is disabled");
    }

    @Test
    void withoutOidcConfiguredTheLoginPageOffersNoProvider() {
        given().get("/api/v1/auth/oidc").then().statusCode(404);
        given().redirects().follow(false).get("/api/v1/auth/oidc/login").then().statusCode(404);
    }

    private static int audited(String action, String actor) {
        try (Connection db = Api.jdbc();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM audit_entry WHERE action = ? AND actor = ?")) {
            count.setString(1, action);
            count.setString(2, actor);
            ResultSet result = count.executeQuery();
            result.next();
            return result.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
