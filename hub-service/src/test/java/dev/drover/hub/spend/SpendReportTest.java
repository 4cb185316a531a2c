package dev.drover.hub.spend;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12: the spend report sums usage events by day in the budget time zone (New York here, five hours behind
 * UTC in January), by host, project, model, profile, user and session, with estimated and unpriced usage apart.
 */
@QuarkusTest
@TestProfile(SpendReportTest.NewYork.class)
class SpendReportTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String RANGE = "from=2024-01-01&to=2024-01-03";

    @Inject
    AccountService accounts;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String alice = "alice-" + suffix;
    private final String bob = "bob-" + suffix;
    private UUID hostA;
    private UUID hostB;
    private UUID shopA;
    private UUID shopB;
    private UUID apiA;

    public static class NewYork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drover.hub.budget.time-zone", "America/New_York");
        }
    }

    /**
     * Five model requests around New York's midnights: Claude's reported cost, Gemini's and Codex's estimated one, and
     * a model without a price. The range's earlier usage (of an earlier run on this database) is removed first.
     */
    @BeforeEach
    void usage() throws Exception {
        try (Connection db = Api.jdbc();
                PreparedStatement clear = db.prepareStatement(
                        "DELETE FROM usage_event WHERE observed_at >= '2023-12-31' AND observed_at < '2024-01-05'")) {
            clear.executeUpdate();
        }
        hostA = host("spend-a-" + suffix);
        hostB = host("spend-b-" + suffix);
        shopA = session(hostA, "/p/shop", "claude", alice, "fix the cart");
        shopB = session(hostB, "/p/shop", "gemini", bob, "=HYPERLINK(\"x\")");
        apiA = session(hostA, "/p/api, v2", "codex", alice, null);
        // New York's 2024-01-01 23:30 and 2024-01-02 00:30.
        event(shopA, "claude-opus-5-5", "2024-01-02T04:30:00Z", 100, 10, 1000, 50, 1_000_000, "reported");
        event(shopA, "claude-opus-5-5", "2024-01-02T05:30:00Z", 200, 20, 0, 0, 2_000_000, "reported");
        event(shopB, "gemini-3.8-flash", "2024-01-02T12:00:00Z", 300, 30, 100, 0, 500_000, "estimated");
        // The last second of New York's 2024-01-02, then its 2024-01-03 00:00.
        event(apiA, "gpt-9", "2024-01-03T04:59:59Z", 400, 40, 0, 0, 0, "unpriced");
        event(apiA, "gpt-5.5", "2024-01-03T05:00:00Z", 1000, 0, 0, 0, 1_250_000, "estimated");
    }

    @Test
    void daysAreTheBudgetTimeZonesAndEveryDayOfTheRangeIsListed() {
        JsonPath report = get(RANGE + "&groupBy=day");

        assertThat(report.getString("timeZone")).isEqualTo("America/New_York");
        assertThat(report.getList("rows.day")).containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
        assertThat(report.getList("rows.costUsd")).containsExactly("0.001", "0.0025", "0.00125");
        assertThat(report.getList("rows.inputTokens", Long.class)).containsExactly(100L, 900L, 1000L);
        assertThat(report.getList("rows.cacheReadTokens", Long.class)).containsExactly(1000L, 100L, 0L);
        assertThat(report.getList("rows.estimatedCostUsd")).containsExactly("0", "0.0005", "0.00125");
        assertThat(report.getList("rows.unpricedTokens", Long.class)).containsExactly(0L, 440L, 0L);
        assertThat(report.getList("rows.unpricedEvents", Long.class)).containsExactly(0L, 1L, 0L);
        assertThat(report.getList("rows.sessions", Long.class)).containsExactly(1L, 3L, 1L);
        assertThat(report.getString("total.costUsd")).isEqualTo("0.00475");
        assertThat(report.getLong("total.tokens")).isEqualTo(100 + 10 + 1000 + 50 + 220 + 430 + 440 + 1000);
        assertThat(report.getLong("total.sessions")).isEqualTo(3);
        assertThat(report.getList("unpricedModels")).containsExactly("gpt-9");

        JsonPath quiet = get("from=2023-12-30&to=2023-12-31&groupBy=day");
        assertThat(quiet.getList("rows.costUsd")).containsExactly("0", "0");
    }

    @Test
    void hostsProjectsModelsProfilesAndUsersAreRankedByCost() {
        JsonPath hosts = get(RANGE + "&groupBy=host");
        assertThat(hosts.getList("rows.hostName")).containsExactly("spend-a-" + suffix, "spend-b-" + suffix);
        assertThat(hosts.getList("rows.hostId")).containsExactly(hostA.toString(), hostB.toString());
        assertThat(hosts.getList("rows.costUsd")).containsExactly("0.00425", "0.0005");

        JsonPath projects = get(RANGE + "&groupBy=project");
        assertThat(projects.getList("rows.project")).containsExactly("/p/shop", "/p/api, v2", "/p/shop");
        assertThat(projects.getList("rows.hostId")).containsExactly(hostA.toString(), hostA.toString(), hostB.toString());
        assertThat(projects.getList("rows.costUsd")).containsExactly("0.003", "0.00125", "0.0005");

        JsonPath models = get(RANGE + "&groupBy=model");
        assertThat(models.getList("rows.model")).containsExactly("claude-opus-5-5", "gpt-5.5", "gemini-3.8-flash", "gpt-9");
        assertThat(models.getList("rows.unpricedTokens", Long.class)).containsExactly(0L, 0L, 0L, 440L);
        assertThat(models.getList("rows.day")).containsOnlyNulls();

        JsonPath profiles = get(RANGE + "&groupBy=profile");
        assertThat(profiles.getList("rows.profile")).containsExactly("claude", "codex", "gemini");

        JsonPath users = get(RANGE + "&groupBy=user");
        assertThat(users.getList("rows.user")).containsExactly(alice, bob);
        assertThat(users.getList("rows.sessions", Long.class)).containsExactly(2L, 1L);
        assertThat(users.getList("rows.costUsd")).containsExactly("0.00425", "0.0005");
    }

    @Test
    void filtersNarrowTheUsageAndSessionsAreTheDrillDown() {
        JsonPath bobsDays = get(RANGE + "&groupBy=day&user=" + bob);
        assertThat(bobsDays.getList("rows.costUsd")).containsExactly("0", "0.0005", "0");

        JsonPath shop = get(RANGE + "&groupBy=session&project=/p/shop&hostId=" + hostA);
        assertThat(shop.getList("rows.sessionId")).containsExactly(shopA.toString());
        assertThat(shop.getList("rows.task")).containsExactly("fix the cart");
        assertThat(shop.getList("rows.user")).containsExactly(alice);
        assertThat(shop.getString("total.costUsd")).isEqualTo("0.003");

        JsonPath gpt = get(RANGE + "&groupBy=session&model=gpt-9");
        assertThat(gpt.getList("rows.sessionId")).containsExactly(apiA.toString());
        assertThat(gpt.getList("rows.unpricedEvents", Long.class)).containsExactly(1L);
    }

    @Test
    void csvHasAHeaderAndOneLinePerGroupWithTextThatCannotBecomeAFormula() {
        String csv = given().auth().oauth2(Api.adminToken())
                .get("/api/v1/spend?" + RANGE + "&groupBy=session&format=csv")
                .then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"drover-spend-by-session-2024-01-01-2024-01-03.csv\"")
                .extract().asString();

        assertThat(csv.split("\r\n")).containsExactly(
                "session_id,host_id,host,project,profile,user,task,input_tokens,output_tokens,cache_read_tokens,"
                        + "cache_creation_tokens,tokens,cost_usd,estimated_cost_usd,unpriced_tokens,unpriced_events,sessions",
                shopA + "," + hostA + ",spend-a-" + suffix + ",/p/shop,claude," + alice + ",fix the cart,300,30,1000,50,1380,0.003,0,0,0,1",
                apiA + "," + hostA + ",spend-a-" + suffix + ",\"/p/api, v2\",codex," + alice + ",,1400,40,0,0,1440,0.00125,0.00125,440,1,1",
                shopB + "," + hostB + ",spend-b-" + suffix + ",/p/shop,gemini," + bob + ",\"'=HYPERLINK(\"\"x\"\")\",300,30,100,0,430,0.0005,0.0005,0,0,1");

        String byDay = given().auth().oauth2(Api.adminToken()).accept("text/csv")
                .get("/api/v1/spend?" + RANGE)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertThat(byDay).startsWith("day,input_tokens,").contains("\r\n2024-01-02,900,90,100,0,1090,0.0025,0.0005,440,1,3\r\n");
    }

    @Test
    void everyRoleReadsTheSpendOfTheSessionsItSeesAndNobodyElseReadsAny() {
        for (String role : List.of("operator", "viewer")) {
            given().auth().oauth2(Api.tokenForNewAccount(accounts, role))
                    .get("/api/v1/spend?" + RANGE + "&groupBy=host")
                    .then().statusCode(200)
                    .body("total.sessions", equalTo(0))
                    .body("total.tokens", equalTo(0));
            given().auth().oauth2(Api.tokenForNewAccount(accounts, role))
                    .get("/api/v1/spend/summary").then().statusCode(200);
        }
        given().get("/api/v1/spend").then().statusCode(401);
        given().get("/api/v1/spend/summary").then().statusCode(401);
    }

    @Test
    void aMalformedQueryIsA400NamingWhatIsWrong() {
        bad("groupBy=week", "groupBy must be day, host, project, model, profile, user or session");
        bad("from=2024-01-05&to=2024-01-01", "from must not be after to");
        bad("from=2022-12-31&to=2024-01-01", "a report covers at most 366 days");
        bad("from=yesterday", "from must be a date such as 2026-12-07");
        bad("hostId=nope", "hostId must be a UUID");
        bad("format=xml", "format must be json or csv");
    }

    @Test
    void theSummaryIsTodayThisWeekAndThisMonthInTheBudgetTimeZone() throws Exception {
        UUID now = session(hostA, "/p/now", "claude", alice, null);
        event(now, "claude-opus-5-5", Instant.now().toString(), 1, 1, 0, 0, 7, "reported");
        LocalDate today = LocalDate.now(NEW_YORK);

        JsonPath summary = given().auth().oauth2(Api.adminToken()).get("/api/v1/spend/summary")
                .then().statusCode(200).extract().jsonPath();

        assertThat(summary.getString("timeZone")).isEqualTo("America/New_York");
        assertThat(summary.getString("today.from")).isEqualTo(today.toString());
        assertThat(summary.getString("week.from"))
                .isEqualTo(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
        assertThat(summary.getString("month.from")).isEqualTo(today.withDayOfMonth(1).toString());
        assertThat(summary.getString("month.to")).isEqualTo(today.toString());
        assertThat(summary.getLong("today.spent.sessions")).isPositive();
        assertThat(summary.getLong("month.spent.tokens")).isGreaterThanOrEqualTo(summary.getLong("today.spent.tokens"));
    }

    private static JsonPath get(String query) {
        return given().auth().oauth2(Api.adminToken()).get("/api/v1/spend?" + query)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static void bad(String query, String detail) {
        given().auth().oauth2(Api.adminToken()).get("/api/v1/spend?" + query)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(detail));
    }

    private static UUID host(String name) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Api.jdbc();
                PreparedStatement host = db.prepareStatement("INSERT INTO host (id, name, created_at) VALUES (?, ?, now())")) {
            host.setObject(1, id);
            host.setString(2, name);
            host.executeUpdate();
        }
        return id;
    }

    private static UUID session(UUID hostId, String cwd, String profile, String user, String task) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Api.jdbc();
                PreparedStatement session = db.prepareStatement(
                        "INSERT INTO session (id, host_id, command, cwd, state, created_by, created_at, profile, task) "
                                + "VALUES (?, ?, ARRAY[]::text[], ?, 'exited', ?, now(), ?, ?)")) {
            session.setObject(1, id);
            session.setObject(2, hostId);
            session.setString(3, cwd);
            session.setString(4, user);
            session.setString(5, profile);
            session.setString(6, task);
            session.executeUpdate();
        }
        return id;
    }

    private static void event(UUID sessionId, String model, String at, long input, long output, long cacheRead,
            long cacheCreation, long costNanoUsd, String basis) throws Exception {
        try (Connection db = Api.jdbc();
                PreparedStatement event = db.prepareStatement(
                        "INSERT INTO usage_event (event_id, session_id, model, input_tokens, output_tokens, "
                                + "cache_read_tokens, cache_creation_tokens, cost_nano_usd, source, observed_at, cost_basis) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, ?)")) {
            event.setString(1, "spend-" + UUID.randomUUID());
            event.setObject(2, sessionId);
            event.setString(3, model);
            event.setLong(4, input);
            event.setLong(5, output);
            event.setLong(6, cacheRead);
            event.setLong(7, cacheCreation);
            event.setLong(8, costNanoUsd);
            event.setTimestamp(9, Timestamp.from(Instant.parse(at)));
            event.setString(10, basis);
            event.executeUpdate();
        }
    }
}
