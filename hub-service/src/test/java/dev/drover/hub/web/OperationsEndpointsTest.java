package dev.drover.hub.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/sessions'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/auth/login'.post", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void clientSideRoutesGetTheWebUisIndex() {
        given().get("/sessions/0192b7c0-0000-7000-8000-000000000000")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("Drover test UI"));
    }

    @Test
    void unknownApiPathsAreNotAnsweredWithTheIndex() {
        given().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .body(not(containsString("Drover test UI")));
    }
}
