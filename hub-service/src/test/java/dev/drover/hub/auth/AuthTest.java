package dev.drover.hub.auth;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AuthTest {

    @Inject
    AccountService accounts;

    @Test
    void loginIssuesTokenAndStrictHttpOnlyCookie() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.<String>path("user.username")).isEqualTo("admin");
        assertThat(response.<List<String>>path("user.roles")).containsExactly("admin");
        assertThat(response.<String>path("token")).isEqualTo(response.getCookie("drover_session"));
        String setCookie = sessionCookie(response.getHeaders().getValues("Set-Cookie"));
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void wrongPasswordIsA401Problem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "not-the-password"))
                .post("/api/v1/auth/login")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("unknown user or wrong password"))
                .body("instance", equalTo("/api/v1/auth/login"));
    }

    @Test
    void meAnswersWithBearerToken() {
        given().auth().oauth2(Api.adminToken())
                .get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("admin"))
                .body("roles", equalTo(List.of("admin")));
    }

    @Test
    void meAnswersWithSessionCookie() {
        given().cookie("drover_session", Api.adminToken())
                .get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("admin"));
    }

    @Test
    void unauthenticatedCallIsA401Problem() {
        given().get("/api/v1/hosts")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("detail", equalTo("authentication required"));
    }

    @Test
    void forgedTokenIsA401Problem() {
        String token = Api.adminToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        given().auth().oauth2(forged)
                .get("/api/v1/me")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void viewerMayListHostsButNotCreateThem() {
        String viewer = Api.tokenForNewAccount(accounts, "viewer");
        given().auth().oauth2(viewer).get("/api/v1/hosts").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON)
                .body(Map.of("name", "not-allowed"))
                .post("/api/v1/hosts")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void invalidBodyIsA400Problem() {
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", ""))
                .post("/api/v1/hosts")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("name must not be blank"));
    }

    @Test
    void jwksPublishesTheSigningKeyWithoutLogin() {
        given().get("/api/v1/auth/jwks")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].e", equalTo("AQAB"));
    }

    @Test
    void logoutClearsTheCookie() {
        List<String> setCookies = given().post("/api/v1/auth/logout")
                .then().statusCode(204)
                .extract().headers().getValues("Set-Cookie");
        assertThat(sessionCookie(setCookies)).startsWith("drover_session=;").contains("Max-Age=0");
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("drover_csrf=;").contains("Max-Age=0"));
    }

    private static String sessionCookie(List<String> setCookies) {
        return setCookies.stream().filter(c -> c.startsWith("drover_session=")).findFirst().orElseThrow();
    }
}
