package dev.drover.hub.web;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Cross-site WebSocket hijacking and CSRF with the session cookie are refused; the web UI's own calls pass. */
@QuarkusTest
class BrowserOriginTest {

    private static final String EVIL = "http://evil.example";

    @TestHTTPResource("/")
    URI base;

    /** The cookies a browser holds after signing in. */
    record BrowserLogin(String session, String csrf) {
    }

    static BrowserLogin browserLogin() {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login");
        assertThat(login.statusCode()).isEqualTo(200);
        return new BrowserLogin(login.getCookie("drover_session"), login.getCookie("drover_csrf"));
    }

    private String ownOrigin() {
        return base.getScheme() + "://" + base.getAuthority();
    }

    private RequestSpecification withCookies(BrowserLogin login) {
        return given().cookie("drover_session", login.session()).cookie("drover_csrf", login.csrf());
    }

    @Test
    void terminalUpgradeWithCookieFromForeignOrNullOriginIsRefusedCswsh() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            URI terminal = WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal");
            String cookie = "drover_session=" + browserLogin().session();

            assertThat(WsClient.refusedStatusWithHeaders(terminal, Map.of("Cookie", cookie, "Origin", EVIL))).isEqualTo(403);
            assertThat(WsClient.refusedStatusWithHeaders(terminal, Map.of("Cookie", cookie, "Origin", "null"))).isEqualTo(403);
            assertThat(WsClient.refusedStatusWithHeaders(terminal, Map.of("Cookie", cookie, "Origin", "http://localhost:1")))
                    .as("another port on the same host is another origin").isEqualTo(403);

            WsClient own = WsClient.connectWithHeaders(terminal, Map.of("Cookie", cookie, "Origin", ownOrigin()));
            assertThat(own.nextText()).contains("\"attached\"");
            own.close();
        }
    }

    @Test
    void daemonUpgradeWithoutCookieIsNotHeldToTheOrigin() {
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "host-" + UUID.randomUUID());
        assertThat(WsClient.refusedStatusWithHeaders(WsClient.ws(base, "/api/v1/daemon/connect"),
                Map.of("Authorization", "Bearer " + host.credential(), "Origin", "https://proxy.example")))
                .isEqualTo(101);
    }

    @Test
    void cookieRevokeFromForeignOriginAsFormIsRefusedCsrf() {
        String admin = Api.adminToken();
        Api.NewHost host = Api.createHost(admin, "host-" + UUID.randomUUID());
        BrowserLogin login = browserLogin();

        withCookies(login).header("Origin", EVIL).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", containsString("origin " + EVIL));
        withCookies(login).header("Origin", ownOrigin()).header("X-Drover-CSRF", login.csrf())
                .contentType("text/plain").body("x")
                .post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(403)
                .body("detail", containsString("must send JSON"));
        withCookies(login).header("Origin", ownOrigin()).contentType(ContentType.JSON)
                .post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(403)
                .body("detail", containsString("X-Drover-CSRF"));
        withCookies(login).header("X-Drover-CSRF", "forged").contentType(ContentType.JSON)
                .post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(403);

        given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .then().statusCode(200).body("revoked", equalTo(false));

        withCookies(login).header("Origin", ownOrigin()).header("X-Drover-CSRF", login.csrf())
                .contentType(ContentType.JSON)
                .post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(200).body("revoked", equalTo(true));
    }

    @Test
    void cookieCompanionFromForeignOriginIsRefusedCsrf() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            BrowserLogin login = browserLogin();
            int before = countSessions(admin);
            withCookies(login).header("Origin", "http://localhost:1").header("X-Drover-CSRF", login.csrf())
                    .contentType("text/plain")
                    .post("/api/v1/sessions/" + sessionId + "/companion")
                    .then().statusCode(403)
                    .body("detail", containsString("origin http://localhost:1"));
            assertThat(countSessions(admin)).as("no companion was started").isEqualTo(before);
        }
    }

    private static int countSessions(String admin) {
        return given().auth().oauth2(admin).get("/api/v1/sessions").then().extract().path("size()");
    }

    @Test
    void cookieWritesWithTheCsrfTokenFromTheOwnOrAnAllowedOriginPass() {
        BrowserLogin login = browserLogin();
        for (String origin : List.of(ownOrigin(), "http://ui.example:5173")) {
            withCookies(login).header("Origin", origin).header("X-Drover-CSRF", login.csrf())
                    .contentType(ContentType.JSON).body(Map.of("name", "host-" + UUID.randomUUID()))
                    .post("/api/v1/hosts")
                    .then().statusCode(201);
        }
    }

    @Test
    void bearerCallersNeedNoCsrfToken() {
        given().auth().oauth2(Api.adminToken()).header("Origin", EVIL)
                .contentType(ContentType.JSON).body(Map.of("name", "host-" + UUID.randomUUID()))
                .post("/api/v1/hosts")
                .then().statusCode(201);
    }

    @Test
    void loginFromForeignOriginIsRefused() {
        given().header("Origin", EVIL).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(403);
    }

    @Test
    void loginSetsAReadableCsrfCookieBesideTheSessionCookie() {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login");
        List<String> cookies = login.getHeaders().getValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("drover_csrf=").contains("SameSite=Strict")
                .doesNotContain("HttpOnly"));
        assertThat(login.getCookie("drover_csrf")).isNotBlank().isNotEqualTo(login.getCookie("drover_session"));
    }
}
