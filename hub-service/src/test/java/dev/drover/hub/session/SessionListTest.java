package dev.drover.hub.session;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session list filtered, searched and paged by the hub, against sessions written straight into
 * PostgreSQL on a host of this test's own (so other tests' sessions never count).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SessionListTest {

    private static final int SESSIONS = 25;

    @Inject
    AccountService accounts;

    private static String admin;
    private static String hostId;
    private static final String USER = "lister-" + UUID.randomUUID().toString().substring(0, 8);
    /** Newest first, as the list answers. */
    private static final List<String> ids = new ArrayList<>();

    /**
     * Session i (0 oldest) runs {@code bash} in /srv/shop (even i) or {@code claude} in /srv/blog (odd i);
     * every fifth has ended; the user started those with i < 5; i = 7 has a task with a literal
     * "50%_off", i = 8 ran "make DEPLOY" in its shell. Written once per run, before the first test
     * (RestAssured reaches the app only from a test method, not from a {@code @BeforeAll}).
     */
    @BeforeEach
    void sessions() throws Exception {
        if (hostId != null) {
            return;
        }
        admin = Api.adminToken();
        String host = Api.createHost(admin, "lister-" + UUID.randomUUID()).id();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection db = Api.jdbc(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO session (id, host_id, command, cwd, state, created_by, created_at, profile, mode, task,
                    shell_last_command)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)""")) {
            for (int i = 0; i < SESSIONS; i++) {
                UUID id = UUID.randomUUID();
                ids.addFirst(id.toString());
                boolean shop = i % 2 == 0;
                insert.setObject(1, id);
                insert.setObject(2, UUID.fromString(host));
                insert.setArray(3, db.createArrayOf("text", shop ? new String[] {"bash"} : new String[] {"claude", "--verbose"}));
                insert.setString(4, shop ? "/srv/shop" : "/srv/blog");
                insert.setString(5, i % 5 == 0 ? "exited" : "running");
                insert.setString(6, i < 5 ? USER : "admin");
                insert.setTimestamp(7, Timestamp.from(start.plusSeconds(i)));
                insert.setString(8, shop ? "bash" : "claude");
                insert.setString(9, i == 7 ? "Sale: 50%_off banner" : "task " + i);
                insert.setString(10, i == 8 ? "make DEPLOY" : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        hostId = host;
    }

    private Response list(String query) {
        return given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/sessions?hostId=" + hostId + query);
    }

    private static List<String> shown(Response response) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return response.jsonPath().getList("id", String.class);
    }

    /** The ids of sessions i, newest first. */
    private List<String> sessionsNumbered(int... numbers) {
        return Arrays.stream(numbers).boxed()
                .sorted(Comparator.reverseOrder())
                .map(i -> ids.get(SESSIONS - 1 - i))
                .toList();
    }

    @Test
    void pagesCoverTheListOnceNewestFirstWithTotalAndLinks() {
        Response first = list("&limit=10");
        assertThat(shown(first)).isEqualTo(ids.subList(0, 10));
        assertThat(first.header("X-Total-Count")).isEqualTo("25");
        assertThat(first.header("Link")).isEqualTo(
                "</api/v1/sessions?hostId=" + hostId + "&limit=10&page=2>; rel=\"next\"");

        Response second = list("&limit=10&page=2");
        assertThat(shown(second)).isEqualTo(ids.subList(10, 20));
        assertThat(second.header("Link")).contains("page=3>; rel=\"next\"").contains("page=1>; rel=\"prev\"");

        Response last = list("&limit=10&page=3");
        assertThat(shown(last)).isEqualTo(ids.subList(20, 25));
        assertThat(last.header("Link")).isEqualTo(
                "</api/v1/sessions?hostId=" + hostId + "&limit=10&page=2>; rel=\"prev\"");
        assertThat(shown(list("&limit=10&page=4"))).isEmpty();
    }

    @Test
    void withoutLimitTheWholeListComesAsBefore() {
        Response all = list("");
        assertThat(shown(all)).isEqualTo(ids);
        assertThat(all.header("X-Total-Count")).isEqualTo("25");
        assertThat(all.header("Link")).isNull();
    }

    @Test
    void endedSessionsCanBeLeftOutAndAreCounted() {
        Response live = list("&ended=exclude&limit=3");
        assertThat(shown(live)).isEqualTo(sessionsNumbered(24, 23, 22));
        assertThat(live.header("X-Total-Count")).isEqualTo("20");
        assertThat(live.header("X-Hidden-Ended-Count")).isEqualTo("5");
        assertThat(list("&ended=include").header("X-Hidden-Ended-Count")).isEqualTo("0");
        Response exitedShop = list("&state=exited&profile=bash");
        assertThat(shown(exitedShop)).isEqualTo(sessionsNumbered(20, 10, 0));
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertThat(shown(list("&profile=claude&createdBy=" + USER))).isEqualTo(sessionsNumbered(3, 1));
        assertThat(shown(list("&project=/srv/shop&state=running&limit=2"))).isEqualTo(sessionsNumbered(24, 22));
        assertThat(list("&project=/srv/shop&state=running&limit=2").header("X-Total-Count")).isEqualTo("10");
        assertThat(shown(list("&createdBy=nobody"))).isEmpty();
        assertThat(shown(list("&project=/srv"))).as("a project matches whole").isEmpty();
    }

    @Test
    void searchWantsEveryWordIgnoringCaseInTaskCommandDirectoryOrShell() {
        assertThat(shown(list("&q=VERBOSE%20blog%20TASK%201"))).isEqualTo(sessionsNumbered(21, 19, 17, 15, 13, 11, 1));
        assertThat(shown(list("&q=deploy"))).isEqualTo(sessionsNumbered(8));
        assertThat(shown(list("&q=50%25_off"))).isEqualTo(sessionsNumbered(7));
        assertThat(shown(list("&q=50%25_of_"))).as("% and _ are letters, not wildcards").isEmpty();
        assertThat(shown(list("&q=srv/shop%20bash"))).hasSize(13);
        assertThat(shown(list("&q=%20%20"))).as("blank search").hasSize(SESSIONS);
    }

    @Test
    void facetsOfferTheHostsProfilesDirectoriesAndUsersSessionsHave() {
        Response facets = given().auth().oauth2(admin).get("/api/v1/sessions/facets");
        assertThat(facets.statusCode()).isEqualTo(200);
        assertThat(facets.jsonPath().getList("hosts.id", String.class)).contains(hostId);
        assertThat(facets.jsonPath().getList("profiles", String.class)).contains("bash", "claude");
        assertThat(facets.jsonPath().getList("projects", String.class)).contains("/srv/blog", "/srv/shop").isSorted();
        assertThat(facets.jsonPath().getList("creators", String.class)).contains("admin", USER).doesNotHaveDuplicates();
    }

    @Test
    void badParametersAre400ProblemsNamingThem() {
        assertProblem(list("&limit=0"), "limit must be a whole number from 1 to 200");
        assertProblem(list("&limit=201"), "limit must be a whole number from 1 to 200");
        assertProblem(list("&limit=ten"), "limit must be a whole number from 1 to 200");
        assertProblem(list("&limit=10&page=0"), "page must be a whole number from 1 up");
        assertProblem(list("&page=2"), "page needs a limit");
        assertProblem(list("&ended=maybe"), "ended must be include or exclude");
        assertProblem(list("&state=sleeping"), "state must be one of [starting, running, exited, failed, lost]");
        assertProblem(list("&q=" + "w%20".repeat(21)), "q must have at most 20 words");
        assertProblem(list("&q=a%00b"), "q must not contain control characters (tab and line breaks are allowed)");
        assertProblem(given().auth().oauth2(admin).get("/api/v1/sessions?hostId=shop"), "hostId must be a UUID");
    }

    @Test
    void aViewerListsOnlyTheSessionsSharedWithItButStrangersAndHostsNothing() {
        Api.NewAccount viewerAccount = Api.newAccount(accounts, "viewer");
        String viewer = viewerAccount.token();
        assertThat(given().auth().oauth2(viewer).get("/api/v1/sessions?limit=1&hostId=" + hostId).header("X-Total-Count"))
                .isEqualTo("0");
        String shared = sessionsNumbered(7).getFirst();
        Api.share(admin, shared, viewerAccount.username(), "view");
        Response visible = given().auth().oauth2(viewer).get("/api/v1/sessions?hostId=" + hostId);
        assertThat(visible.header("X-Total-Count")).isEqualTo("1");
        assertThat(shown(visible)).containsExactly(shared);
        Response facets = given().auth().oauth2(viewer).get("/api/v1/sessions/facets");
        assertThat(facets.jsonPath().getList("creators", String.class)).containsExactly("admin");
        assertThat(facets.jsonPath().getList("projects", String.class)).containsExactly("/srv/blog");
        given().get("/api/v1/sessions?limit=1").then().statusCode(401);
        given().get("/api/v1/sessions/facets").then().statusCode(401);
        Api.Enrolled host = Api.enrolledHost(admin, "lister-host-" + UUID.randomUUID());
        given().auth().oauth2(host.credential()).get("/api/v1/sessions?limit=1").then().statusCode(403);
        given().auth().oauth2(host.credential()).get("/api/v1/sessions/facets").then().statusCode(403);
    }

    private static void assertProblem(Response response, String detail) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("detail")).isEqualTo(detail);
    }
}
