package dev.drover.hub.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api/openapi.yaml, from which the web UI's API client is generated, is the document the hub
 * serves at {@code /q/openapi}. When the API changes, this test fails and writes the new document
 * to {@code target/openapi.yaml}: check the difference and copy it over docs/api/openapi.yaml.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("../docs/api/openapi.yaml");
    private static final Path SERVED = Path.of("target/openapi.yaml");
    private static final String HEADER = """
            # Generated: the hub's OpenAPI document as it serves it at /q/openapi. Do not edit: the hub's
            # OpenApiDocumentTest writes it to hub-service/target/openapi.yaml when it changes.
            """;

    @Test
    void committedDocumentIsTheOneTheHubServes() throws IOException {
        String served = HEADER + given().get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (!committed.equals(served)) {
            Files.writeString(SERVED, served);
        }
        assertThat(committed)
                .as("docs/api/openapi.yaml is not what the hub serves; the served one is in %s", SERVED.toAbsolutePath())
                .isEqualTo(served);
    }
}
