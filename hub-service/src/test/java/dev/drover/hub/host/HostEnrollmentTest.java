package dev.drover.hub.host;

import dev.drover.hub.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class HostEnrollmentTest {

    @Test
    void createdHostGetsA256BitJoinTokenAndIsListed() {
        String admin = Api.adminToken();
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "gpu-box"))
                .post("/api/v1/hosts")
                .then().statusCode(201)
                .body("host.name", equalTo("gpu-box"))
                .body("host.online", equalTo(false))
                .body("host.enrolled", equalTo(false))
                .body("joinTokenExpiresAt", notNullValue())
                .extract();
        String joinToken = created.path("joinToken");
        assertThat(Base64.getUrlDecoder().decode(joinToken)).hasSize(32);

        given().auth().oauth2(admin).get("/api/v1/hosts/" + created.path("host.id"))
                .then().statusCode(200).body("name", equalTo("gpu-box"));
        given().auth().oauth2(admin).get("/api/v1/hosts/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void joinTokenIsTradedOnceForAHostCredential() {
        Api.NewHost host = Api.createHost(Api.adminToken(), "laptop");
        Map<String, String> body = Map.of("joinToken", host.joinToken(), "hostname", "laptop.local");

        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/enrollments")
                .then().statusCode(200)
                .body("hostId", equalTo(host.id()))
                .body("credential", notNullValue());
        given().auth().oauth2(Api.adminToken()).get("/api/v1/hosts/" + host.id())
                .then().body("enrolled", equalTo(true)).body("hostname", equalTo("laptop.local"));

        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/enrollments")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("the join token is unknown, expired or already used"));
    }

    @Test
    void expiredJoinTokenIsRefused() throws Exception {
        Api.NewHost host = Api.createHost(Api.adminToken(), "build-server");
        try (Connection db = Api.jdbc();
                PreparedStatement expire = db.prepareStatement(
                        "UPDATE join_token SET expires_at = now() - interval '1 second' WHERE host_id = ?")) {
            expire.setObject(1, UUID.fromString(host.id()));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        given().contentType(ContentType.JSON).body(Map.of("joinToken", host.joinToken()))
                .post("/api/v1/enrollments")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownJoinTokenIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("joinToken", "bm90LWEtdG9rZW4"))
                .post("/api/v1/enrollments")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void deletedHostDisappears() {
        String admin = Api.adminToken();
        Api.NewHost host = Api.createHost(admin, "short-lived");
        given().auth().oauth2(admin).delete("/api/v1/hosts/" + host.id()).then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).then().statusCode(404);
    }
}
