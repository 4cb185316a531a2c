package dev.drover.hub.budget;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.budget.BudgetSupport.Person;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Who may set which budget, and what a budget may be. */
@QuarkusTest
class BudgetRulesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void theCreatorOrAnAdminSetsASessionsBudgetAnotherOperatorOrAViewerMayNot() throws Exception {
        String admin = Api.adminToken();
        Person owner = BudgetSupport.person(accounts, "operator");
        Person other = BudgetSupport.person(accounts, "operator");
        Person viewer = BudgetSupport.person(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String session = BudgetSupport.spawnRunning(daemon, owner.token(), Map.of());
            String path = "/api/v1/sessions/" + session + "/budget";

            setSessionBudget(other.token(), path, Map.of("costUsd", "1")).then().statusCode(404);
            Api.share(owner.token(), session, other.name(), "type");
            Api.share(owner.token(), session, viewer.name(), "view");
            setSessionBudget(other.token(), path, Map.of("costUsd", "1")).then().statusCode(403)
                    .body("detail", equalTo("only an admin or " + owner.name() + ", who started session " + session
                            + ", may do this"));
            setSessionBudget(viewer.token(), path, Map.of("costUsd", "1")).then().statusCode(403);
            given().contentType(ContentType.JSON).body(Map.of("costUsd", "1")).put(path).then().statusCode(401);

            setSessionBudget(owner.token(), path, Map.of("costUsd", "2.5", "tokens", 100000)).then().statusCode(200)
                    .body("budget.costUsd", equalTo("2.5"))
                    .body("budget.tokens", equalTo(100000));
            setSessionBudget(admin, path, Map.of("tokens", 5000)).then().statusCode(200)
                    .body("budget.costUsd", equalTo(null))
                    .body("budget.tokens", equalTo(5000));
            setSessionBudget(owner.token(), path, new HashMap<>()).then().statusCode(200)
                    .body("budget", equalTo(null));
            given().auth().oauth2(viewer.token()).get("/api/v1/sessions/" + session).then().statusCode(200);
        }
    }

    @Test
    void onlyAnAdminSetsDayBudgetsEveryoneReadsThem() {
        String admin = Api.adminToken();
        Person operator = BudgetSupport.person(accounts, "operator");
        Person viewer = BudgetSupport.person(accounts, "viewer");
        Map<String, Object> budget = Map.of("scope", "user", "user", operator.name(), "costUsd", "5");

        setDayBudget(operator.token(), budget).then().statusCode(403);
        setDayBudget(viewer.token(), budget).then().statusCode(403);
        given().contentType(ContentType.JSON).body(budget).put("/api/v1/budgets/day").then().statusCode(401);
        String id = setDayBudget(admin, budget).then().statusCode(200)
                .body("costUsd", equalTo("5"))
                .body("spentUsd", equalTo("0"))
                .body("updatedBy", equalTo("admin"))
                .extract().path("id");
        setDayBudget(admin, Map.of("scope", "user", "user", operator.name(), "tokens", 10)).then().statusCode(200)
                .body("id", equalTo(id))
                .body("costUsd", equalTo(null));

        given().auth().oauth2(viewer.token()).get("/api/v1/budgets/day").then().statusCode(200)
                .body("find { it.id == '%s' }.tokens".formatted(id), equalTo(10));
        given().auth().oauth2(viewer.token()).get("/api/v1/budgets/events").then().statusCode(200);
        given().auth().oauth2(operator.token()).delete("/api/v1/budgets/day/" + id).then().statusCode(403);
        given().auth().oauth2(admin).delete("/api/v1/budgets/day/" + id).then().statusCode(204);
        given().auth().oauth2(admin).delete("/api/v1/budgets/day/" + id).then().statusCode(404);
    }

    @Test
    void negativeNanHugeOrZeroBudgetsAreA400() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        for (Object usd : List.of("-1", "NaN", "Infinity", "1e9", "1000000", "0.0000000001", "0", "abc", -0.5)) {
            var refused = BudgetSupport.spawnAsync(admin, host.id(), Map.of("budgetUsd", usd)).get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as("budgetUsd %s", usd).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            setDayBudget(admin, Map.of("scope", "user", "user", "admin", "costUsd", usd)).then().statusCode(400);
        }
        for (long tokens : new long[] {-5, 0, 1_000_000_000_001L}) {
            var refused = BudgetSupport.spawnAsync(admin, host.id(), Map.of("budgetTokens", tokens)).get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as("budgetTokens %d", tokens).isEqualTo(400);
            setDayBudget(admin, Map.of("scope", "user", "user", "admin", "tokens", tokens)).then().statusCode(400);
        }
        setDayBudget(admin, Map.of("scope", "user", "user", "admin")).then().statusCode(400)
                .body("detail", equalTo("a day budget needs costUsd or tokens"));
        setDayBudget(admin, Map.of("scope", "team", "user", "admin", "tokens", 5)).then().statusCode(400);
        setDayBudget(admin, Map.of("scope", "project", "path", "/src", "tokens", 5)).then().statusCode(400)
                .body("detail", containsString("hostId and path"));
        setDayBudget(admin, Map.of("scope", "project", "hostId", UUID.randomUUID(), "path", "/src", "tokens", 5))
                .then().statusCode(404);
        given().auth().oauth2(admin).queryParam("since", "yesterday").get("/api/v1/budgets/events").then().statusCode(400);
    }

    private static io.restassured.response.Response setSessionBudget(String token, String path, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(path);
    }

    private static io.restassured.response.Response setDayBudget(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put("/api/v1/budgets/day");
    }
}
