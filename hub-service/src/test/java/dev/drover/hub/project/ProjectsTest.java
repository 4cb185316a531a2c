package dev.drover.hub.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Project lists, refresh, worktree state and discard through a daemon stand-in on the real socket. */
@QuarkusTest
class ProjectsTest {

    private static final String SCANNED_AT = "2025-06-01T10:15:30Z";
    private static final String SHOP = "/home/dev/code/shop";
    private static final String TREE = "/home/dev/.local/state/drover/daemon/worktrees/shop-00c0ffee";
    private static final String BRANCH = "drover/claude-00c0ffee";
    private static final String SESSION = "01900000-0000-7000-8000-00c0ffee0001";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private static Map<String, Object> worktree(String state, boolean merged) {
        return Map.ofEntries(Map.entry("repo", SHOP), Map.entry("path", TREE), Map.entry("branch", BRANCH),
                Map.entry("base", "main"), Map.entry("sessionId", SESSION), Map.entry("profileId", "claude"),
                Map.entry("head", "0123456789ab"), Map.entry("dirty", state.equals("DIRTY")), Map.entry("merged", merged),
                Map.entry("pushed", false), Map.entry("state", state));
    }

    private static Map<String, Object> project(String name, String path, String branch, Object dirty, String remote,
            List<Map<String, Object>> worktrees) {
        Map<String, Object> project = new HashMap<>();
        project.put("name", name);
        project.put("path", path);
        project.put("branch", branch);
        project.put("head", "abcdef012345");
        project.put("dirty", dirty);
        project.put("remote", remote);
        project.put("error", null);
        project.put("worktrees", worktrees);
        return project;
    }

    private static void announce(FakeDaemon daemon, String requestId, List<Map<String, Object>> projects) throws Exception {
        Map<String, Object> message = new HashMap<>();
        message.put("type", "projects");
        message.put("requestId", requestId);
        message.put("scannedAt", SCANNED_AT);
        message.put("roots", List.of("/home/dev"));
        message.put("projects", projects);
        daemon.send(message);
    }

    private static List<Map<String, Object>> fleet() {
        return List.of(
                project("shop", SHOP, "main", false, "git@github.com:acme/Shop.git", List.of(worktree("DIRTY", false))),
                project("api", "/home/dev/code/api", "feature/Payments", true, "https://gitlab.example/acme/api.git", List.of()),
                project("dotfiles", "/home/dev/dotfiles", null, null, null, List.of()));
    }

    private static CompletableFuture<ExtractableResponse<Response>> async(String token, String path, Object body) {
        return CompletableFuture.supplyAsync(() -> {
            var request = given().auth().oauth2(token);
            if (body != null) {
                request = request.contentType(ContentType.JSON).body(body);
            }
            return request.post(path).then().extract();
        });
    }

    @Test
    void theScanADaemonSendsAfterConnectingIsListedAndSearchable() throws Exception {
        String admin = Api.adminToken();
        String viewer = Api.tokenForNewAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        String projects = "/api/v1/hosts/" + host.id() + "/projects";
        given().auth().oauth2(viewer).get(projects).then().statusCode(200)
                .body("scannedAt", nullValue()).body("projects", empty()).body("online", equalTo(false));

        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, fleet());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(viewer).get(projects)
                    .then().statusCode(200).body("projects.size()", equalTo(3)));
            given().auth().oauth2(viewer).get(projects).then()
                    .body("hostId", equalTo(host.id().toString()))
                    .body("online", equalTo(true))
                    .body("scannedAt", equalTo(SCANNED_AT))
                    .body("roots", contains("/home/dev"))
                    .body("projects.path", contains("/home/dev/code/api", SHOP, "/home/dev/dotfiles"))
                    .body("projects[1].branch", equalTo("main"))
                    .body("projects[1].dirty", equalTo(false))
                    .body("projects[1].remote", equalTo("git@github.com:acme/Shop.git"))
                    .body("projects[1].worktrees[0].path", equalTo(TREE))
                    .body("projects[1].worktrees[0].branch", equalTo(BRANCH))
                    .body("projects[1].worktrees[0].state", equalTo("dirty"))
                    .body("projects[1].worktrees[0].sessionId", equalTo(SESSION))
                    .body("projects[2].branch", nullValue())
                    .body("projects[2].dirty", nullValue());

            given().auth().oauth2(viewer).queryParam("q", "SHOP").get(projects).then()
                    .body("projects.name", contains("shop"));
            given().auth().oauth2(viewer).queryParam("q", "payments").get(projects).then()
                    .body("projects.name", contains("api"));
            given().auth().oauth2(viewer).queryParam("q", "gitlab.example").get(projects).then()
                    .body("projects.name", contains("api"));
            given().auth().oauth2(viewer).queryParam("q", "/home/dev/code").get(projects).then()
                    .body("projects.name", contains("api", "shop"));
            given().auth().oauth2(viewer).queryParam("q", "%").get(projects).then()
                    .body("projects", empty());
            given().auth().oauth2(viewer).queryParam("q", "  ").get(projects).then()
                    .body("projects.size()", equalTo(3));
        }
        await().untilAsserted(() -> given().auth().oauth2(viewer).get(projects).then()
                .body("online", equalTo(false))
                .body("scannedAt", equalTo(SCANNED_AT))
                .body("projects.size()", equalTo(3)));
        given().auth().oauth2(viewer).get("/api/v1/hosts/" + UUID.randomUUID() + "/projects").then().statusCode(404);
        given().get(projects).then().statusCode(401);
    }

    @Test
    void refreshAsksTheDaemonToScanAndAnswersTheNewList() throws Exception {
        String admin = Api.adminToken();
        String operator = Api.tokenForNewAccount(accounts, "operator");
        String viewer = Api.tokenForNewAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        String refresh = "/api/v1/hosts/" + host.id() + "/projects/refresh";

        given().auth().oauth2(operator).post(refresh).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("host host-"));

        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, fleet());
            given().auth().oauth2(viewer).post(refresh).then().statusCode(403);

            CompletableFuture<ExtractableResponse<Response>> refreshed = async(operator, refresh, null);
            JsonNode request = daemon.expect("list-projects");
            assertThat(request.path("refresh").asBoolean()).isTrue();
            announce(daemon, request.path("requestId").asText(),
                    List.of(project("fresh", "/home/dev/fresh", "trunk", false, null, List.of())));
            ExtractableResponse<Response> answer = refreshed.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.<List<String>>path("projects.name")).containsExactly("fresh");
            assertThat(answer.<Boolean>path("online")).isTrue();

            long started = System.nanoTime();
            CompletableFuture<ExtractableResponse<Response>> late = async(admin, refresh, null);
            daemon.expect("list-projects");
            ExtractableResponse<Response> timedOut = late.get(10, TimeUnit.SECONDS);
            assertThat(timedOut.statusCode()).isEqualTo(504);
            assertThat(timedOut.<String>path("detail")).endsWith("did not finish its project scan within 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void worktreeNoticesFromTheDaemonUpdateItsState() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        String projects = "/api/v1/hosts/" + host.id() + "/projects";
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, List.of(project("shop", SHOP, "main", false, null, List.of())));
            daemon.send(Map.of("type", "worktree-created", "worktree", worktree("ACTIVE", true)));
            await().untilAsserted(() -> given().auth().oauth2(admin).get(projects).then()
                    .body("projects[0].worktrees.state", contains("active")));

            daemon.send(Map.of("type", "worktree-released", "sessionId", SESSION, "worktree", worktree("UNMERGED", false),
                    "removed", false, "reason", "commits neither merged into main nor pushed"));
            await().untilAsserted(() -> given().auth().oauth2(admin).get(projects).then()
                    .body("projects[0].worktrees.state", contains("unmerged"))
                    .body("projects[0].worktrees[0].merged", equalTo(false)));

            daemon.send(Map.of("type", "worktree-released", "sessionId", SESSION, "worktree", worktree("CLEAN", true),
                    "removed", true, "reason", "merged into main"));
            await().untilAsserted(() -> given().auth().oauth2(admin).get(projects).then()
                    .body("projects[0].worktrees", empty()));
        }
    }

    @Test
    void discardNeedsTheBranchNameAsConfirmationAndItsSessionsOwner() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount owner = Api.newAccount(accounts, "operator");
        String operator = owner.token();
        String viewer = Api.tokenForNewAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        Api.insertSession(UUID.fromString(SESSION), host.id(), owner.username());
        String discard = "/api/v1/hosts/" + host.id() + "/worktrees/discard";
        String projects = "/api/v1/hosts/" + host.id() + "/projects";
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, fleet());
            await().untilAsserted(() -> given().auth().oauth2(admin).get(projects).then()
                    .body("projects[1].worktrees.size()", equalTo(1)));
        }
        await().untilAsserted(() -> given().auth().oauth2(admin).get(projects).then().body("online", equalTo(false)));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("path", TREE, "confirm", BRANCH))
                .post(discard).then().statusCode(409)
                .body("detail", equalTo("host " + given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id()).path("name")
                        + " is offline"));

        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("path", TREE, "confirm", BRANCH))
                    .post(discard).then().statusCode(403);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("path", TREE, "confirm", "yes"))
                    .post(discard).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", equalTo("to discard this worktree, confirm with its branch name " + BRANCH));
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("path", TREE))
                    .post(discard).then().statusCode(400);
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("confirm", BRANCH))
                    .post(discard).then().statusCode(400);
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("path", "/home/dev/other", "confirm", BRANCH))
                    .post(discard).then().statusCode(404);

            CompletableFuture<ExtractableResponse<Response>> refused = async(operator, discard,
                    Map.of("path", TREE, "confirm", BRANCH));
            JsonNode first = daemon.expect("discard-worktree");
            daemon.send(Map.of("type", "request-failed", "requestId", first.path("requestId").asText(),
                    "reason", "a running session works in " + TREE + "; stop it first"));
            ExtractableResponse<Response> refusal = refused.get(10, TimeUnit.SECONDS);
            assertThat(refusal.statusCode()).isEqualTo(422);
            assertThat(refusal.<String>path("detail")).isEqualTo("a running session works in " + TREE + "; stop it first");

            CompletableFuture<ExtractableResponse<Response>> discarded = async(operator, discard,
                    Map.of("path", TREE, "confirm", BRANCH));
            JsonNode request = daemon.expect("discard-worktree");
            assertThat(request.path("repo").asText()).isEqualTo(SHOP);
            assertThat(request.path("path").asText()).isEqualTo(TREE);
            assertThat(request.path("branch").asText()).isEqualTo(BRANCH);
            daemon.send(Map.of("type", "worktree-discarded", "requestId", request.path("requestId").asText(),
                    "repo", SHOP, "path", TREE, "branch", BRANCH));
            assertThat(discarded.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            given().auth().oauth2(viewer).get(projects).then().body("projects[1].worktrees", empty());
        }
    }

    @Test
    void anOperatorCouldDiscardAnotherOperatorsWorktree() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount owner = Api.newAccount(accounts, "operator");
        Api.NewAccount typist = Api.newAccount(accounts, "operator");
        String stranger = Api.tokenForNewAccount(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        Api.insertSession(UUID.fromString(SESSION), host.id(), owner.username());
        Api.share(owner.token(), SESSION, typist.username(), "type");
        String discard = "/api/v1/hosts/" + host.id() + "/worktrees/discard";
        Map<String, String> confirmed = Map.of("path", TREE, "confirm", BRANCH);
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, fleet());
            await().untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id() + "/projects")
                    .then().body("projects[1].worktrees.size()", equalTo(1)));

            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(confirmed)
                    .post(discard).then().statusCode(404)
                    .body("detail", equalTo("no session " + SESSION));
            given().auth().oauth2(typist.token()).contentType(ContentType.JSON).body(confirmed)
                    .post(discard).then().statusCode(403)
                    .body("detail", equalTo("only an admin or " + owner.username() + ", who started session " + SESSION
                            + ", may do this"));

            CompletableFuture<ExtractableResponse<Response>> byAdmin = async(admin, discard, confirmed);
            JsonNode request = daemon.expect("discard-worktree");
            assertThat(request.path("path").asText()).as("the first discard the daemon is asked for").isEqualTo(TREE);
            daemon.send(Map.of("type", "request-failed", "requestId", request.path("requestId").asText(),
                    "reason", "a running session works in " + TREE + "; stop it first"));
            assertThat(byAdmin.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(422);
        }
    }

    @Test
    void onlyAnAdminDiscardsAWorktreeOfNoKnownSession() throws Exception {
        String admin = Api.adminToken();
        String operator = Api.tokenForNewAccount(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (Connection db = Api.jdbc(); PreparedStatement forget = db.prepareStatement("DELETE FROM session WHERE id = ?")) {
            forget.setObject(1, UUID.fromString(SESSION));
            forget.executeUpdate();
        }
        String discard = "/api/v1/hosts/" + host.id() + "/worktrees/discard";
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            announce(daemon, null, fleet());
            await().untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/hosts/" + host.id() + "/projects")
                    .then().body("projects[1].worktrees.size()", equalTo(1)));
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("path", TREE, "confirm", BRANCH))
                    .post(discard).then().statusCode(403)
                    .body("detail", equalTo("only an admin may discard " + TREE + ": the hub knows no session it belongs to"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("path", TREE, "confirm", "yes"))
                    .post(discard).then().statusCode(400);
        }
    }
}
