package dev.drover.hub.host;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/** Host credentials live 30 days and rotate; a replaced or revoked one is refused. */
@QuarkusTest
class HostCredentialRotationTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    JWTParser parser;

    private URI daemonSocket() {
        return WsClient.ws(base, "/api/v1/daemon/connect");
    }

    private static String renew(String credential, int status) {
        return given().auth().oauth2(credential).contentType(ContentType.JSON)
                .post("/api/v1/enrollments/renewal")
                .then().statusCode(status)
                .extract().path("credential");
    }

    @Test
    void credentialLivesThirtyDaysNotAYear() throws Exception {
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "host-" + UUID.randomUUID());
        long expires = parser.parse(host.credential()).getExpirationTime();
        assertThat(Instant.ofEpochSecond(expires))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(5)));
    }

    @Test
    void renewedCredentialConnectsAndTheOneBeforeLastIsRefused() {
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "host-" + UUID.randomUUID());
        String first = host.credential();

        String second = renew(first, 200);
        assertThat(second).isNotEqualTo(first);
        assertThat(WsClient.refusedStatus(daemonSocket(), second)).isEqualTo(101);
        assertThat(WsClient.refusedStatus(daemonSocket(), first))
                .as("the replaced credential stays good until the next renewal, in case the daemon died before saving")
                .isEqualTo(101);

        String third = renew(second, 200);
        assertThat(WsClient.refusedStatus(daemonSocket(), first)).isEqualTo(401);
        given().auth().oauth2(first).contentType(ContentType.JSON).post("/api/v1/enrollments/renewal")
                .then().statusCode(401)
                .body("detail", equalTo("this host credential was replaced; the daemon must use its newest one"));
        assertThat(WsClient.refusedStatus(daemonSocket(), third)).isEqualTo(101);
    }

    @Test
    void revokedHostCannotRenew() {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON).post("/api/v1/hosts/" + host.id() + "/revoke")
                .then().statusCode(200);

        renew(host.credential(), 403);
        assertThat(WsClient.refusedStatus(daemonSocket(), host.credential())).isEqualTo(403);
    }

    @Test
    void personTokenCannotRenew() {
        renew(Api.adminToken(), 403);
    }
}
