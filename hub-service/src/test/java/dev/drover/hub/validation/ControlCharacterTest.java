package dev.drover.hub.validation;

import dev.drover.hub.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A NUL byte (PostgreSQL text refuses it) or another control character is a 400 naming the field, never a 500. */
@QuarkusTest
class ControlCharacterTest {

    @Test
    void nulInSpawnTaskIsA400NamingTheField() {
        spawn(Map.of("hostId", UUID.randomUUID(), "command", List.of("bash"), "task", "fix\u0000it"))
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("task must not contain control characters (tab and line breaks are allowed)"));
    }

    @Test
    void nulInCommandElementIsA400NamingTheElement() {
        spawn(Map.of("hostId", UUID.randomUUID(), "command", List.of("bash", "-c", "echo\u0000")))
                .then().statusCode(400)
                .body("detail", equalTo("command[2] must not contain control characters (tab and line breaks are allowed)"));
    }

    @Test
    void escapeInTaskUpdateIsA400() {
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("task", "\u001b[31mred"))
                .patch("/api/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(400)
                .body("detail", startsWith("task must not contain control characters"));
    }

    @Test
    void nulInLoginUsernameIsA400() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "ad\u0000min", "password", "x"))
                .post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("detail", startsWith("username must not contain control characters"));
    }

    @Test
    void multiLineTaskIsAccepted() {
        spawn(Map.of("hostId", UUID.randomUUID(), "command", List.of("bash"), "task", "line one\nline\ttwo"))
                .then().statusCode(404);
    }

    private static io.restassured.response.Response spawn(Map<String, Object> body) {
        return given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/sessions");
    }
}
