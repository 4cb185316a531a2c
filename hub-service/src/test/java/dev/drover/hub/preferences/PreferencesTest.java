package dev.drover.hub.preferences;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Appearance choices live with the account that made them: each person reads and writes only their own. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PreferencesTest {

    private static final String PATH = "/api/v1/me/preferences";

    @Inject
    AccountService accounts;

    private static Response get(String token) {
        return given().auth().oauth2(token).get(PATH);
    }

    private static Response put(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(PATH);
    }

    @Test
    void aNewAccountHasChosenNothing() {
        Response shown = get(Api.tokenForNewAccount(accounts, "viewer"));
        assertThat(shown.statusCode()).isEqualTo(200);
        Map<String, Object> nothing = new HashMap<>();
        for (String field : new String[] {"theme", "terminalFontFamily", "terminalFontSize", "updatedAt"}) {
            nothing.put(field, null);
        }
        assertThat(shown.<Map<String, Object>>path("")).isEqualTo(nothing);
    }

    @Test
    void choicesAreKeptPerAccountAndNeverShownToAnother() {
        String alice = Api.tokenForNewAccount(accounts, "operator");
        String bob = Api.tokenForNewAccount(accounts, "viewer");
        Instant before = Instant.now();

        Response saved = put(alice, Map.of("theme", "light", "terminalFontFamily", "\"DejaVu Sans Mono\", monospace",
                "terminalFontSize", 17));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.<String>path("theme")).isEqualTo("light");
        assertThat(Instant.parse(saved.path("updatedAt"))).isAfterOrEqualTo(before.minusSeconds(1));

        Response aliceSees = get(alice);
        assertThat(aliceSees.<String>path("theme")).isEqualTo("light");
        assertThat(aliceSees.<String>path("terminalFontFamily")).isEqualTo("\"DejaVu Sans Mono\", monospace");
        assertThat(aliceSees.<Integer>path("terminalFontSize")).isEqualTo(17);

        assertThat(get(bob).<String>path("theme")).isNull();
        assertThat(put(bob, Map.of("theme", "system")).<String>path("theme")).isEqualTo("system");
        assertThat(get(bob).<Integer>path("terminalFontSize")).isNull();
        assertThat(get(alice).<String>path("theme")).isEqualTo("light");
        assertThat(get(alice).<Integer>path("terminalFontSize")).isEqualTo(17);
    }

    @Test
    void aSaveReplacesEveryChoiceAndNullClearsOne() {
        String token = Api.tokenForNewAccount(accounts, "admin");
        put(token, Map.of("theme", "dark", "terminalFontSize", 12)).then().statusCode(200);
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("theme", "light");
        cleared.put("terminalFontSize", null);
        put(token, cleared).then().statusCode(200);

        Response shown = get(token);
        assertThat(shown.<String>path("theme")).isEqualTo("light");
        assertThat(shown.<Integer>path("terminalFontSize")).isNull();
        assertThat(shown.<String>path("terminalFontFamily")).isNull();
        assertThat(shown.<String>path("updatedAt")).isNotNull();
    }

    @Test
    void badChoicesAre400ProblemsNamingTheField() {
        String token = Api.tokenForNewAccount(accounts, "operator");
        assertProblem(put(token, Map.of("theme", "solarized")), "theme must be system, light or dark");
        assertProblem(put(token, Map.of("terminalFontSize", 7)), "terminalFontSize must be greater than or equal to 8");
        assertProblem(put(token, Map.of("terminalFontSize", 33)), "terminalFontSize must be less than or equal to 32");
        String family = "terminalFontFamily must be 1 to 256 letters, digits, spaces, quotes, commas, dots, dashes or underscores";
        assertProblem(put(token, Map.of("terminalFontFamily", "Mono\u0000")), family);
        assertProblem(put(token, Map.of("terminalFontFamily", "Mono; } body { display: none")), family);
        assertProblem(put(token, Map.of("terminalFontFamily", "")), family);
        assertProblem(put(token, Map.of("terminalFontFamily", "M".repeat(257))), family);
        assertProblem(put(token, Map.of("terminalFontSize", "big")), "terminalFontSize must be a number");
        assertProblem(put(token, "[]"), "the request body must be a JSON object");
        assertThat(get(token).<String>path("updatedAt")).as("nothing was saved").isNull();
    }

    @Test
    void strangersAndHostsAreRefused() {
        given().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("theme", "dark")).put(PATH).then().statusCode(401);
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "host-" + UUID.randomUUID());
        given().auth().oauth2(host.credential()).get(PATH).then().statusCode(403);
        given().auth().oauth2(host.credential()).contentType(ContentType.JSON).body(Map.of("theme", "dark"))
                .put(PATH).then().statusCode(403);
    }

    private static void assertProblem(Response response, String detail) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("detail")).isEqualTo(detail);
    }
}
