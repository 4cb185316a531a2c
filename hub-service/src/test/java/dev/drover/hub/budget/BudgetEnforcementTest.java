package dev.drover.hub.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.budget.BudgetSupport.Person;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.LiveMessages;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Budgets enforced on the hub as usage arrives from the ingest: warnings at 80 %, stops at 100 %, refused spawns. */
@QuarkusTest
class BudgetEnforcementTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private BudgetSupport support;

    @BeforeEach
    void open() {
        support = new BudgetSupport(base);
    }

    @AfterEach
    void close() {
        support.close();
    }

    @Test
    void aSessionBudgetWarnsOnceAt80PercentAndStopsTheSessionOnceAt100WithReasonBudget() throws Exception {
        String admin = Api.adminToken();
        Person operator = BudgetSupport.person(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String session = BudgetSupport.spawnRunning(daemon, operator.token(), Map.of("budgetUsd", "0.10"));
            assertThat(given().auth().oauth2(operator.token()).get("/api/v1/sessions/" + session)
                    .<String>path("budget.costUsd")).isEqualTo("0.1");

            support.usage(session, 100, 50_000_000);
            assertThat(events(admin, session)).isEmpty();
            support.usage(session, 100, 35_000_000);
            support.usage(session, 100, 1_000_000);
            assertThat(events(admin, session)).containsExactly("warning session");
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + session)
                    .<String>path("budget.warnedAt")).isNotNull();

            support.usage(session, 100, 20_000_000);
            JsonNode stop = daemon.expect("stop");
            assertThat(stop.path("sessionId").asText()).isEqualTo(session);
            assertThat(stop.path("reason").asText()).isEqualTo("budget: the session's budget of $0.1 is spent");
            support.usage(session, 100, 10_000_000);
            assertThat(events(admin, session)).containsExactly("spent session", "warning session");

            // The next message the daemon gets is this user stop, not a second budget stop.
            given().auth().oauth2(admin).post("/api/v1/sessions/" + session + "/stop").then().statusCode(202);
            assertThat(daemon.expect("stop").path("reason").asText()).isEqualTo("stopped by admin");
            daemon.send(Map.of("type", "session-exited", "sessionId", session, "exitCode", 0, "logEnd", 10));
            await().untilAsserted(() -> {
                var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + session).then().extract();
                assertThat(shown.<String>path("state")).isEqualTo("exited");
                assertThat(shown.<String>path("stopReason")).isEqualTo("budget");
                assertThat(shown.<String>path("usage.costUsd")).isEqualTo("0.116");
                assertThat(shown.<String>path("budget.spentAt")).isNotNull();
            });
        }
    }

    @Test
    void budgetEventsArePushedToTheOwnersAndAdminsEventSocketsAsTheyAreRecordedNotToOthers() throws Exception {
        String admin = Api.adminToken();
        Person operator = BudgetSupport.person(accounts, "operator");
        Person other = BudgetSupport.person(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String session = BudgetSupport.spawnRunning(daemon, operator.token(), Map.of("budgetUsd", "0.10"));
            WsClient ownerEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), operator.token());
            WsClient adminEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), admin);
            WsClient otherEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), other.token());
            for (WsClient events : List.of(ownerEvents, adminEvents, otherEvents)) {
                LiveMessages.await(events, message -> message.path("type").asText().equals("hello"));
            }

            support.usage(session, 100, 85_000_000);

            for (WsClient events : List.of(ownerEvents, adminEvents)) {
                JsonNode pushed = LiveMessages.await(events, message -> message.path("type").asText().equals("budget-event"))
                        .path("event");
                assertThat(pushed.path("kind").asText()).isEqualTo("warning");
                assertThat(pushed.path("scope").asText()).isEqualTo("session");
                assertThat(pushed.path("sessionId").asText()).isEqualTo(session);
                assertThat(pushed.path("spentUsd").asText()).isEqualTo("0.085");
            }
            LiveMessages.await(adminEvents, message -> message.path("session").path("usage").path("costUsd").asText()
                    .equals("0.085"));
            assertThat(otherEvents.texts).noneMatch(text -> text.contains("\"budget-event\""));
            ownerEvents.close();
            adminEvents.close();
            otherEvents.close();
        }
    }

    @Test
    void aBudgetStopWhoseHostIsOfflineIsSentWhenItsDaemonConnectsAgain() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        String session;
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            session = BudgetSupport.spawnRunning(daemon, admin, Map.of("budgetTokens", 1000));
        }
        await().untilAsserted(() -> assertThat(given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id())
                .<Boolean>path("online")).isFalse());

        // Usage exported before the host went away reaches the hub after it: the budget is spent while it is offline.
        support.usage(session, 1200, 0);
        assertThat(events(admin, session)).containsExactlyInAnyOrder("spent session", "warning session");
        assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + session).<String>path("state"))
                .isEqualTo("running");

        List<Map<String, Object>> reports = List.of(Map.of("sessionId", session, "state", "RUNNING", "logEnd", 10));
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, reports)) {
            JsonNode stop = daemon.expect("stop");
            assertThat(stop.path("sessionId").asText()).isEqualTo(session);
            assertThat(stop.path("reason").asText()).isEqualTo("budget: the session's budget of 1000 tokens is spent");
            daemon.send(Map.of("type", "session-exited", "sessionId", session, "exitCode", 0, "logEnd", 20));
            await().untilAsserted(() -> {
                var shown = given().auth().oauth2(admin).get("/api/v1/sessions/" + session).then().extract();
                assertThat(shown.<String>path("state")).isEqualTo("exited");
                assertThat(shown.<String>path("stopReason")).isEqualTo("budget");
            });
        }
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            Thread.sleep(1000);
            assertThat(daemon.socket.texts).as("the owed stop is sent once").noneMatch(text -> text.contains("\"stop\""));
        }
    }

    @Test
    void aTokenBudgetSetLaterBelowWhatWasSpentStopsTheSessionAtOnce() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String session = BudgetSupport.spawnRunning(daemon, admin, Map.of());
            support.usage(session, 5000, 0);

            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tokens", 4000))
                    .put("/api/v1/sessions/" + session + "/budget")
                    .then().statusCode(200);

            assertThat(daemon.expect("stop").path("reason").asText())
                    .isEqualTo("budget: the session's budget of 4000 tokens is spent");
            assertThat(events(admin, session)).containsExactlyInAnyOrder("spent session", "warning session");
        }
    }

    @Test
    void aSpentUserDayBudgetStopsTheUsersSessionsAndRefusesTheirSpawnsWith409() throws Exception {
        String admin = Api.adminToken();
        Person operator = BudgetSupport.person(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scope", "user", "user", operator.name(), "costUsd", "0.02"))
                .put("/api/v1/budgets/day")
                .then().statusCode(200);
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String first = BudgetSupport.spawnRunning(daemon, operator.token(), Map.of());
            String second = BudgetSupport.spawnRunning(daemon, operator.token(), Map.of());
            support.usage(first, 10, 17_000_000);
            assertThat(events(admin, first)).containsExactly("warning user");

            support.usage(second, 10, 3_000_000);

            assertThat(List.of(daemon.expect("stop").path("sessionId").asText(),
                    daemon.expect("stop").path("sessionId").asText())).containsExactlyInAnyOrder(first, second);
            assertThat(events(admin, second)).containsExactly("spent user");
            ExtractableResponse<Response> refused = BudgetSupport.spawnAsync(operator.token(), host.id(), Map.of())
                    .get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.<String>path("detail")).startsWith("the day budget of user " + operator.name()
                    + " ($0.02) is spent for ");
            var listed = given().auth().oauth2(operator.token()).get("/api/v1/budgets/day").then().statusCode(200).extract();
            assertThat(listed.<String>path("find { it.user == '%s' }.spentUsd".formatted(operator.name()))).isEqualTo("0.02");
            assertThat(listed.<String>path("find { it.user == '%s' }.timeZone".formatted(operator.name()))).isEqualTo("UTC");

            // Another user still spawns on the same host.
            BudgetSupport.spawnRunning(daemon, admin, Map.of());
        }
    }

    @Test
    void aSpentProjectDayBudgetRefusesSpawnsInThatProjectOnly() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scope", "project", "hostId", host.id(), "path", "/src/app", "tokens", 1000))
                .put("/api/v1/budgets/day")
                .then().statusCode(200);
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String session = BudgetSupport.spawnRunning(daemon, admin, Map.of("cwd", "/src/app"));
            support.usage(session, 1200, 0);
            assertThat(daemon.expect("stop").path("sessionId").asText()).isEqualTo(session);
            assertThat(events(admin, session)).containsExactlyInAnyOrder("spent project", "warning project");

            ExtractableResponse<Response> refused = BudgetSupport.spawnAsync(admin, host.id(), Map.of("cwd", "/src/app"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.<String>path("detail")).startsWith("the day budget of project /src/app on host "
                    + host.id() + " (1000 tokens) is spent for ");
            BudgetSupport.spawnRunning(daemon, admin, Map.of("cwd", "/src/other"));
        }
    }

    @Test
    void aSessionBudgetBeyondWhatIsLeftOfTheDayBudgetIsRefused() throws Exception {
        String admin = Api.adminToken();
        Person operator = BudgetSupport.person(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scope", "user", "user", operator.name(), "costUsd", "1"))
                .put("/api/v1/budgets/day")
                .then().statusCode(200);
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            ExtractableResponse<Response> refused = BudgetSupport.spawnAsync(operator.token(), host.id(),
                    Map.of("budgetUsd", "1.5")).get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.<String>path("detail")).isEqualTo("the session's budget is more than what is left today"
                    + " of the day budget of user " + operator.name() + " ($1)");
            BudgetSupport.spawnRunning(daemon, operator.token(), Map.of("budgetUsd", "0.5"));
        }
    }

    /** The session's budget events, newest first, as "kind scope". */
    static List<String> events(String token, String session) {
        List<Map<String, Object>> found = given().auth().oauth2(token).queryParam("sessionId", session)
                .get("/api/v1/budgets/events").then().statusCode(200).extract().path("");
        return found.stream().map(event -> event.get("kind") + " " + event.get("scope")).toList();
    }
}
