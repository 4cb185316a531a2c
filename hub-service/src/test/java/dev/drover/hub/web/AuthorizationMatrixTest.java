package dev.drover.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.WsClient;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.websockets.next.WebSocket;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what (docs/security.md, ADR 0028), for every operation of the hub's OpenAPI document
 * and every socket, as each kind of caller: an admin, the operator who started the session under
 * test, another operator (it is not shared with them), a viewer it is shared with to watch, nobody
 * (no credential), a daemon's host credential, and the ingest's shared secret.
 *
 * <p>Each operation has a row in {@link #RULES}: a new endpoint without one fails here, naming the
 * row to add. Outcomes are classes of status: {@code ok} (authorized: anything but 401, 403, 404
 * and 500, so a validation error or a conflict still proves the caller got through), {@code 401},
 * {@code 403}, {@code 404} (the caller may not know the resource exists).
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** The kinds of callers, in the order of each rule's columns. */
    enum Caller { ADMIN, OWNER, OPERATOR, VIEWER, NOBODY, HOST, INGEST }

    private static final String COLUMNS = "admin owner operator viewer nobody host ingest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One row per operation ({@code METHOD path} as the OpenAPI document spells it) and per socket
     * ({@code WS path} for a WebSocket endpoint, {@code GRPC service} for a gRPC one); the columns
     * are {@value #COLUMNS}.
     */
    private static final Map<String, String> RULES = rules(
            "POST /api/v1/auth/login", "ok ok ok ok ok ok ok",
            "POST /api/v1/auth/logout", "ok ok ok ok ok ok ok",
            "GET /api/v1/auth/jwks", "ok ok ok ok ok ok ok",
            "POST /api/v1/enrollments", "ok ok ok ok ok ok ok",
            "POST /api/v1/enrollments/renewal", "403 403 403 403 401 ok 401",

            "GET /api/v1/me", "ok ok ok ok 401 403 401",
            "PUT /api/v1/me/password", "ok ok ok ok 401 403 401",
            "GET /api/v1/me/preferences", "ok ok ok ok 401 403 401",
            "PUT /api/v1/me/preferences", "ok ok ok ok 401 403 401",
            "GET /api/v1/me/logins", "ok ok ok ok 401 403 401",
            "GET /api/v1/me/tokens", "ok ok ok ok 401 403 401",
            "POST /api/v1/me/tokens", "ok ok ok ok 401 403 401",
            "DELETE /api/v1/me/tokens/{id}", "ok ok ok ok 401 403 401",
            "GET /api/v1/users/{id}/tokens", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/users/{id}/tokens/{tokenId}", "ok 403 403 403 401 403 401",
            "GET /api/v1/audit", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/me/logins/{loginId}", "ok ok ok ok 401 403 401",

            "GET /api/v1/users", "ok 403 403 403 401 403 401",
            "POST /api/v1/users", "ok 403 403 403 401 403 401",
            "PATCH /api/v1/users/{id}", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/users/{id}", "ok 403 403 403 401 403 401",
            "GET /api/v1/users/{id}/logins", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/users/{id}/logins", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/users/{id}/logins/{loginId}", "ok 403 403 403 401 403 401",

            "GET /api/v1/hosts", "ok ok ok ok 401 403 401",
            "POST /api/v1/hosts", "ok 403 403 403 401 403 401",
            "GET /api/v1/hosts/{id}", "ok ok ok ok 401 403 401",
            "PATCH /api/v1/hosts/{id}", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/hosts/{id}", "ok 403 403 403 401 403 401",
            "POST /api/v1/hosts/{id}/revoke", "ok 403 403 403 401 403 401",
            "GET /api/v1/hosts/{hostId}/projects", "ok ok ok ok 401 403 401",
            "POST /api/v1/hosts/{hostId}/projects/refresh", "ok ok ok 403 401 403 401",
            "POST /api/v1/hosts/{hostId}/worktrees/discard", "ok ok ok 403 401 403 401",
            "GET /api/v1/telemetry/dead-letters", "ok 403 403 403 401 403 401",

            "GET /api/v1/budgets/day", "ok ok ok ok 401 403 401",
            "PUT /api/v1/budgets/day", "ok 403 403 403 401 403 401",
            "DELETE /api/v1/budgets/day/{id}", "ok 403 403 403 401 403 401",
            "GET /api/v1/budgets/events", "ok ok ok ok 401 403 401",

            "GET /api/v1/sessions", "ok ok ok ok 401 403 401",
            "POST /api/v1/sessions", "ok ok ok 403 401 403 401",
            "GET /api/v1/sessions/facets", "ok ok ok ok 401 403 401",
            "GET /api/v1/sessions/{id}", "ok ok 404 ok 401 403 401",
            "PATCH /api/v1/sessions/{id}", "ok ok 404 403 401 403 401",
            "GET /api/v1/sessions/{id}/activity", "ok ok 404 ok 401 403 401",
            "PUT /api/v1/sessions/{id}/budget", "ok ok 404 403 401 403 401",
            "POST /api/v1/sessions/{id}/companion", "ok ok 404 403 401 403 401",
            "POST /api/v1/sessions/{id}/resume", "ok ok 404 403 401 403 401",
            "POST /api/v1/sessions/{id}/stop", "ok ok 404 403 401 403 401",
            "GET /api/v1/sessions/{id}/shares", "ok ok 404 ok 401 403 401",
            "PUT /api/v1/sessions/{id}/shares/{username}", "ok ok 404 403 401 403 401",
            "DELETE /api/v1/sessions/{id}/shares/{username}", "ok ok 404 403 401 403 401",
            "GET /api/v1/sessions/{id}/screen", "ok ok 404 ok 401 403 401",
            "GET /api/v1/sessions/{id}/transcript", "ok ok 404 ok 401 403 401",
            "GET /api/v1/conversations", "ok ok ok ok 401 403 401",
            "GET /api/v1/conversations/tree", "ok ok ok ok 401 403 401",
            "GET /api/v1/conversations/{id}", "ok ok 404 ok 401 403 401",
            "GET /api/v1/conversations/{id}/messages", "ok ok 404 ok 401 403 401",
            "POST /api/v1/conversations/{id}/resume", "ok ok 404 403 401 403 401",
            "GET /api/v1/search", "ok ok ok ok 401 403 401",
            "GET /api/v1/sessions/{id}/prompts", "ok ok 404 ok 401 403 401",
            "POST /api/v1/prompts", "ok ok 404 403 401 403 401",
            "GET /api/v1/prompts/{id}", "ok ok 404 404 401 403 401",
            "GET /api/v1/inbox", "ok ok ok ok 401 403 401",
            "GET /api/v1/spend", "ok ok ok ok 401 403 401",
            "GET /api/v1/spend/summary", "ok ok ok ok 401 403 401",
            "GET /api/v1/me/notifications", "ok ok ok ok 401 403 401",
            "PUT /api/v1/me/notifications", "ok ok ok ok 401 403 401",
            "PUT /api/v1/sessions/{id}/mute", "ok ok 404 ok 401 403 401",
            "DELETE /api/v1/sessions/{id}/mute", "ok ok 404 ok 401 403 401",
            "POST /api/v1/sessions/{id}/decisions", "ok ok 404 403 401 403 401",
            "GET /api/v1/sessions/{id}/decisions", "ok ok 404 ok 401 403 401",

            "WS /api/v1/sessions/{id}/terminal", "ok ok 404 ok 401 403 401",
            "WS /api/v1/events", "ok ok ok ok 401 403 401",
            "WS /api/v1/daemon/connect", "403 403 403 403 401 ok 401",
            "GRPC dev.drover.hub.telemetry.grpc.TelemetryStreamService", "401 401 401 401 401 401 ok");

    /** Request bodies that pass validation where one is needed (a wrong one would answer 400 before any rule). */
    private final Map<String, Function<Caller, Object>> bodies = new LinkedHashMap<>();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private final Map<Caller, Account> people = new LinkedHashMap<>();
    private final Map<Caller, String> tokens = new LinkedHashMap<>();
    private String admin;
    private Api.Enrolled host;
    private UUID session;
    private UUID conversation;

    /** A person the test signs in as, by name and password. */
    private record Account(String username, String password) {
        String login() {
            return Api.login(username, password);
        }
    }

    @BeforeEach
    void fixture() throws Exception {
        admin = Api.adminToken();
        people.put(Caller.ADMIN, new Account("admin", Api.ADMIN_PASSWORD));
        people.put(Caller.OWNER, account("operator"));
        people.put(Caller.OPERATOR, account("operator"));
        people.put(Caller.VIEWER, account("viewer"));
        people.forEach((caller, person) -> tokens.put(caller, person.login()));
        host = Api.enrolledHost(admin, "matrix-" + UUID.randomUUID());
        session = insertSession(host.id(), people.get(Caller.OWNER).username());
        conversation = insertConversation(host.id(), session);
        insertWorktree(host.id(), "/srv/matrix/.worktrees/matrix");
        given().auth().oauth2(people.get(Caller.OWNER).login()).contentType(ContentType.JSON)
                .body(Map.of("access", "view"))
                .put("/api/v1/sessions/" + session + "/shares/" + people.get(Caller.VIEWER).username())
                .then().statusCode(200);
        bodies.put("POST /api/v1/auth/login", caller -> Map.of("username", people.get(Caller.VIEWER).username(),
                "password", people.get(Caller.VIEWER).password()));
        bodies.put("POST /api/v1/enrollments", caller -> Map.of("joinToken",
                Api.createHost(admin, "enrol-" + UUID.randomUUID()).joinToken(), "hostname", "enrolled.example"));
        bodies.put("POST /api/v1/enrollments/renewal", caller -> Map.of());
        bodies.put("PUT /api/v1/me/password", caller -> Map.of("currentPassword", "not-checked-first", "newPassword", "short"));
        bodies.put("PUT /api/v1/me/preferences", caller -> Map.of("sessionList", Map.of()));
        bodies.put("POST /api/v1/users", caller -> Map.of("username", "matrix-" + UUID.randomUUID().toString().substring(0, 8),
                "role", "viewer"));
        bodies.put("PATCH /api/v1/users/{id}", caller -> Map.of("disabled", false));
        bodies.put("POST /api/v1/hosts", caller -> Map.of("name", "matrix-" + UUID.randomUUID()));
        bodies.put("PATCH /api/v1/hosts/{id}", caller -> Map.of("name", "matrix-" + UUID.randomUUID()));
        bodies.put("POST /api/v1/hosts/{hostId}/worktrees/discard", caller -> Map.of("path", "/srv/matrix/.worktrees/matrix",
                "confirm", "not-its-branch"));
        bodies.put("PUT /api/v1/budgets/day", caller -> Map.of("scope", "user", "user", "matrix-" + UUID.randomUUID(),
                "costUsd", "5"));
        bodies.put("POST /api/v1/sessions", caller -> Map.of("hostId", host.id().toString(), "profile", "bash"));
        bodies.put("PATCH /api/v1/sessions/{id}", caller -> Map.of("task", "matrix"));
        bodies.put("PUT /api/v1/sessions/{id}/budget", caller -> Map.of("costUsd", "5"));
        bodies.put("PUT /api/v1/sessions/{id}/shares/{username}", caller -> Map.of("access", "view"));
        bodies.put("POST /api/v1/me/tokens", caller -> Map.of("name", "matrix-" + UUID.randomUUID().toString().substring(0, 8),
                "role", "viewer", "expiresAt", Instant.now().plus(Duration.ofDays(1)).toString()));
        bodies.put("PUT /api/v1/me/notifications", caller -> Map.of("webhookUrl", "https://hooks.example/matrix"));
        bodies.put("POST /api/v1/sessions/{id}/decisions", caller -> Map.of("decision", "allow"));
        bodies.put("POST /api/v1/prompts", caller -> Map.of("text", "matrix", "sessionIds", List.of(session.toString())));
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasARuleAndKeepsIt() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        List<String> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> operations.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        assertThat(operations).as("operations of the OpenAPI document").isNotEmpty();
        List<String> missing = operations.stream().filter(operation -> !RULES.containsKey(operation)).toList();
        assertThat(missing).as("operations without a rule: add a row to AuthorizationMatrixTest.RULES (columns: %s)"
                + " saying who may call each", COLUMNS).isEmpty();
        List<String> failures = new ArrayList<>();
        for (String operation : operations) {
            List<String> expected = List.of(RULES.get(operation).split(" "));
            for (Caller caller : Caller.values()) {
                int status = call(operation, caller);
                if (!outcome(status).equals(expected.get(caller.ordinal()))) {
                    failures.add(operation + " as " + caller + ": " + status + ", expected " + expected.get(caller.ordinal()));
                }
            }
        }
        assertThat(failures).as("calls whose outcome breaks the rules").isEmpty();
    }

    @Test
    void everySocketHasARuleAndKeepsIt() throws Exception {
        Set<String> sockets = sockets();
        Set<String> ruled = RULES.keySet().stream().filter(key -> key.startsWith("WS ") || key.startsWith("GRPC "))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sockets).as("the hub's @WebSocket and @GrpcService endpoints; each needs a row in "
                + "AuthorizationMatrixTest.RULES (columns: %s), and a row needs its endpoint", COLUMNS).isEqualTo(ruled);
        List<String> failures = new ArrayList<>();
        for (String socket : sockets) {
            List<String> expected = List.of(RULES.get(socket).split(" "));
            for (Caller caller : Caller.values()) {
                String outcome = socket.startsWith("GRPC ") ? grpc(caller) : outcome(upgrade(socket.substring(3), caller));
                if (!outcome.equals(expected.get(caller.ordinal()))) {
                    failures.add(socket + " as " + caller + ": " + outcome + ", expected " + expected.get(caller.ordinal()));
                }
            }
        }
        assertThat(failures).as("sockets whose outcome breaks the rules").isEmpty();
    }

    /** The {@code WS path} of every {@code @WebSocket} class and the {@code GRPC class} of every gRPC service. */
    private static Set<String> sockets() {
        Set<String> found = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.drover.hub")) {
            if (type.isAnnotatedWith(WebSocket.class)) {
                found.add("WS " + type.getAnnotationOfType(WebSocket.class).path());
            }
            if (type.isAnnotatedWith(GrpcService.class)) {
                found.add("GRPC " + type.getName());
            }
        }
        return found;
    }

    private static String outcome(int status) {
        return switch (status) {
            case 401, 403, 404 -> String.valueOf(status);
            case 500 -> "500";
            default -> "ok";
        };
    }

    private int call(String operation, Caller caller) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = resolve(operation, caller);
        RequestSpecification request = given().redirects().follow(false);
        String bearer = operation.equals("POST /api/v1/auth/logout") ? freshCredential(caller) : credential(caller);
        if (bearer != null) {
            request = request.auth().oauth2(bearer);
        }
        Function<Caller, Object> body = bodies.get(operation);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body.apply(caller));
        }
        return request.request(method, path).statusCode();
    }

    /** The operation's path with its parameters filled in: the shared fixture, or something the call may use up. */
    private String resolve(String operation, Caller caller) throws Exception {
        String path = operation.substring(operation.indexOf(' ') + 1);
        if (path.contains("{loginId}")) {
            Account whose = path.startsWith("/api/v1/me/") ? people.get(caller) : null;
            if (whose == null) {
                whose = account("viewer");
                path = path.replace("{id}", Api.userId(admin, whose.username()));
            }
            String login = whose.login();
            String loginId = JSON.readTree(Base64.getUrlDecoder().decode(login.split("\\.")[1])).path("jti").asText();
            return path.replace("{loginId}", loginId);
        }
        if (path.equals("/api/v1/me/tokens/{id}")) {
            return path.replace("{id}", people.containsKey(caller) ? apiToken(tokens.get(caller)) : UUID.randomUUID().toString());
        }
        if (path.equals("/api/v1/users/{id}/tokens/{tokenId}")) {
            Account owner = account("viewer");
            return path.replace("{id}", Api.userId(admin, owner.username())).replace("{tokenId}", apiToken(owner.login()));
        }
        if (path.startsWith("/api/v1/users/{id}")) {
            return path.replace("{id}", Api.userId(admin, account("viewer").username()));
        }
        if (path.equals("/api/v1/hosts/{id}") && !operation.startsWith("GET")
                || path.equals("/api/v1/hosts/{id}/revoke")) {
            return path.replace("{id}", Api.createHost(admin, "matrix-" + UUID.randomUUID()).id());
        }
        if (path.equals("/api/v1/prompts/{id}")) {
            String id = given().auth().oauth2(people.get(Caller.OWNER).login()).contentType(ContentType.JSON)
                    .body(Map.of("text", "matrix", "sessionIds", List.of(session.toString())))
                    .post("/api/v1/prompts").then().statusCode(202).extract().path("id");
            return path.replace("{id}", id);
        }
        if (path.equals("/api/v1/budgets/day/{id}")) {
            String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("scope", "user", "user", "matrix-" + UUID.randomUUID(), "costUsd", "5"))
                    .put("/api/v1/budgets/day").then().statusCode(200).extract().path("id");
            return path.replace("{id}", id);
        }
        if (path.contains("{username}") && operation.startsWith("DELETE")) {
            Account sharedWith = account("viewer");
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("access", "view"))
                    .put("/api/v1/sessions/" + session + "/shares/" + sharedWith.username()).then().statusCode(200);
            path = path.replace("{username}", sharedWith.username());
        }
        if (path.startsWith("/api/v1/conversations/{id}")) {
            return path.replace("{id}", conversation.toString());
        }
        return path.replace("{username}", people.get(Caller.VIEWER).username())
                .replace("{hostId}", host.id().toString())
                .replace("{id}", path.startsWith("/api/v1/hosts/") ? host.id().toString() : session.toString());
    }

    private String credential(Caller caller) {
        return switch (caller) {
            case ADMIN, OWNER, OPERATOR, VIEWER -> tokens.get(caller);
            case NOBODY -> null;
            case HOST -> host.credential();
            case INGEST -> "test-ingest-secret";
        };
    }

    /** The id of a new API token of the person signed in with {@code login}, for a call that revokes it. */
    private static String apiToken(String login) {
        return given().auth().oauth2(login).contentType(ContentType.JSON)
                .body(Map.of("name", "matrix-" + UUID.randomUUID().toString().substring(0, 8), "role", "viewer",
                        "expiresAt", Instant.now().plus(Duration.ofDays(1)).toString()))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token.id");
    }

    /** Like {@link #credential} but a login of its own for a person, for a call that ends it. */
    private String freshCredential(Caller caller) {
        return people.containsKey(caller) ? people.get(caller).login() : credential(caller);
    }

    private int upgrade(String path, Caller caller) {
        String resolved = path.replace("{id}", session.toString());
        String bearer = credential(caller);
        return WsClient.refusedStatusWithHeaders(WsClient.ws(base, resolved),
                bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    /** Opens the telemetry stream and sends nothing: {@code ok} when it is admitted, else the refusal as a status. */
    private String grpc(Caller caller) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            String bearer = credential(caller);
            if (bearer != null) {
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
            }
            MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .publish(Multi.createFrom().<TelemetryEvent>empty())
                    .collect().asList()
                    .await().atMost(Duration.ofSeconds(10));
            return "ok";
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.UNAUTHENTICATED ? "401" : e.getStatus().getCode().name();
        } finally {
            channel.shutdownNow();
        }
    }

    private Account account(String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> accounts.create(username, password, Set.of(role)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return new Account(username, password);
    }

    private static UUID insertSession(UUID hostId, String createdBy) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Api.jdbc(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO session (id, host_id, command, state, created_by, created_at, profile, mode, agent_session_id) "
                        + "VALUES (?, ?, ARRAY['claude'], 'running', ?, now(), 'claude', 'new', 'agent-1')")) {
            insert.setObject(1, id);
            insert.setObject(2, hostId);
            insert.setString(3, createdBy);
            insert.executeUpdate();
        }
        return id;
    }

    /** A conversation of the session's agent, so that the archive's paths find one to check access on. */
    private static UUID insertConversation(UUID hostId, UUID sessionId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Api.jdbc(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO conversation (id, host_id, agent, agent_session_id, session_id, project, started_at, updated_at) "
                        + "VALUES (?, ?, 'claude', ?, ?, '/srv/matrix', now(), now())")) {
            insert.setObject(1, id);
            insert.setObject(2, hostId);
            insert.setString(3, "agent-" + id);
            insert.setObject(4, sessionId);
            insert.executeUpdate();
        }
        return id;
    }

    /** A worktree on the host, so that discarding it gets past the lookup (to the wrong confirmation: 400). */
    private static void insertWorktree(UUID hostId, String path) throws Exception {
        try (Connection db = Api.jdbc(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO worktree (id, host_id, repo_path, path, branch, merged, pushed, state, updated_at) "
                        + "VALUES (?, ?, '/srv/matrix', ?, 'matrix', false, false, 'CLEAN', now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, hostId);
            insert.setString(3, path);
            insert.executeUpdate();
        }
    }

    private static Map<String, String> rules(String... pairs) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(pairs[i + 1].split(" ")).as("columns of %s", pairs[i]).hasSize(Caller.values().length);
            rules.put(pairs[i], pairs[i + 1]);
        }
        return rules;
    }
}
