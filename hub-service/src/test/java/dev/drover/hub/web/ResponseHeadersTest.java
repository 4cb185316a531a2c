package dev.drover.hub.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Browser hardening headers on every response; index.html is never cached without asking, assets are. */
@QuarkusTest
class ResponseHeadersTest {

    @Test
    void indexAndClientRoutesAreNoCacheWithSecurityHeaders() {
        for (String path : List.of("/", "/index.html", "/sessions/0192b7c0-0000-7000-8000-000000000000")) {
            Response page = given().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body().asString()).as(path).contains("Drover test UI");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            assertSecurityHeaders(page, path);
        }
    }

    @Test
    void hashedAssetsStayImmutable() {
        Response asset = given().get("/assets/test-asset-3f9a2c.js");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.header("Cache-Control")).contains("immutable");
        assertSecurityHeaders(asset, "asset");
    }

    @Test
    void apiAnswersAndRefusalsCarryTheHeadersToo() {
        assertSecurityHeaders(given().get("/api/v1/hosts"), "401 problem");
        assertSecurityHeaders(given().get("/api/v1/auth/jwks"), "jwks");
    }

    private static void assertSecurityHeaders(Response response, String what) {
        String csp = response.header("Content-Security-Policy");
        assertThat(csp).as(what).contains("default-src 'self'").contains("script-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
    }
}
