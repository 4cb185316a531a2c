package dev.drover.hub.auth;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.account.service.PasswordHasher;
import dev.drover.hub.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** Password guessing is throttled with backoff, unknown users cost a hash, hashing stays off the API's threads. */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Test
    void wrongPasswordsAreThrottledThenTheRightOneGetsInAfterTheBackoff() throws Throwable {
        String username = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, "right-password", Set.of("viewer")));

        for (int attempt = 1; attempt <= 6; attempt++) {
            assertThat(login(username, "wrong-" + attempt).statusCode()).as("attempt %d", attempt).isEqualTo(401);
        }
        Response throttled = login(username, "right-password");
        assertThat(throttled.statusCode()).as("even the right password waits for the backoff").isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.<String>path("detail")).contains("too many failed sign-ins");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);

        Thread.sleep(retryAfter * 1000 + 200);
        login(username, "right-password").then().statusCode(200);
        login(username, "wrong-again").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownUserCostsAHashLikeAWrongPassword() {
        long before = hasher.dummyChecks();
        login("nobody-" + UUID.randomUUID(), "whatever").then().statusCode(401);
        assertThat(hasher.dummyChecks()).as("an unknown user is checked against the dummy hash").isEqualTo(before + 1);

        login("admin", "wrong-password").then().statusCode(401);
        assertThat(hasher.dummyChecks()).as("a known user's wrong password checks the real hash").isEqualTo(before + 1);
        Api.adminToken();
    }

    @Test
    void passwordChecksRunOnTheirOwnPoolNotTheEventLoop() throws Throwable {
        record Where(String thread, boolean eventLoop) {
        }
        Where where = VertxContextSupport.subscribeAndAwait(() -> hasher.matches("x", null)
                .map(ignored -> new Where(Thread.currentThread().getName(), Context.isOnEventLoopThread())));
        assertThat(where.thread()).startsWith("drover-password-");
        assertThat(where.eventLoop()).isFalse();
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login");
    }
}
