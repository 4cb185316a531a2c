package dev.drover.hub.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.conversation.repository.ConversationRepository;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.LiveMessages;
import dev.drover.hub.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation archive against a real PostgreSQL, fed through a daemon socket as daemons feed it:
 * a batch sent again applies once, usage counts once per agent message, search ranks and highlights
 * with escaped snippets and filters, who may see what, the live push, resume with its lock, retention.
 */
@QuarkusTest
class ConversationArchiveTest {

    private static final String AT = "2026-12-07T04:05:06.789Z";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Inject
    ConversationRepository repository;

    private String admin;
    private Api.NewAccount owner;
    private Api.NewAccount stranger;
    private Api.NewAccount viewer;
    private Api.Enrolled host;
    private FakeDaemon daemon;
    private long batch = 1;

    @BeforeEach
    void fixture() throws Exception {
        admin = Api.adminToken();
        owner = Api.newAccount(accounts, "operator");
        stranger = Api.newAccount(accounts, "operator");
        viewer = Api.newAccount(accounts, "viewer");
        host = Api.enrolledHost(admin, "archive-" + UUID.randomUUID());
        daemon = FakeDaemon.connect(base, host, List.of());
    }

    @AfterEach
    void close() {
        daemon.close();
    }

    @Test
    void aBatchSentAgainAppliesOnceAndUsageCountsOncePerAgentMessage() throws Exception {
        String agentSession = UUID.randomUUID().toString();
        List<Map<String, Object>> entries = List.of(
                entry("u1:0", null, "user", "text", "Fix the failing test", null, 0),
                entry("a1:0", "msg_1", "assistant", "text", "I'll run the tests.", null, 1111),
                // Claude repeats the message's usage on every block: only the first block keeps it
                entry("a2:0", "msg_1", "assistant", "tool_use", "{\"command\":\"mvn test\"}", "Bash", 1111));
        ingest("claude", agentSession, null, "/srv/shop", entries);
        ingest("claude", agentSession, null, "/srv/shop", entries);

        JsonNode conversation = conversation(admin, agentSession);
        String id = conversation.path("id").asText();
        assertThat(conversation.path("messageCount").asLong()).isEqualTo(3);
        assertThat(conversation.path("inputTokens").asLong()).isEqualTo(1111);
        assertThat(conversation.path("outputTokens").asLong()).isEqualTo(222);
        assertThat(conversation.path("title").asText()).isEqualTo("Fix the failing test");
        assertThat(conversation.path("sessionId").isNull()).isTrue();
        List<Map<String, Object>> messages = given().auth().oauth2(admin).get("/api/v1/conversations/" + id + "/messages")
                .then().statusCode(200).extract().path("");
        assertThat(messages).extracting(message -> message.get("seq")).containsExactly(1, 2, 3);
        assertThat(messages).extracting(message -> message.get("inputTokens")).containsExactly(0, 1111, 0);
        assertThat(messages.get(2).get("toolName")).isEqualTo("Bash");

        // a record written again under its key replaces the earlier one in its place, keeping its usage
        ingest("claude", agentSession, null, "/srv/shop", List.of(
                entry("a1:0", "msg_1", "assistant", "text", "I'll run the tests first.", null, 0),
                entry("u2:0", null, "user", "text", "thanks", null, 0)));
        messages = given().auth().oauth2(admin).get("/api/v1/conversations/" + id + "/messages?after=1")
                .then().statusCode(200).extract().path("");
        assertThat(messages).extracting(message -> message.get("seq")).containsExactly(2, 3, 4);
        assertThat(messages.getFirst().get("text")).isEqualTo("I'll run the tests first.");
        assertThat(messages.getFirst().get("inputTokens")).isEqualTo(1111);
    }

    @Test
    void searchRanksHighlightsEscapesAndFilters() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String agentSession = UUID.randomUUID().toString();
        ingest("claude", agentSession, null, "/srv/search", List.of(
                entry("u1:0", null, "user", "text", "once " + word + " if x < y & z > \"w\" then", null, 0),
                entry("a1:0", "m1", "assistant", "text", word + " twice " + word + " and " + word, null, 10),
                entry("a2:0", "m2", "assistant", "tool_use", "{\"command\":\"grep " + word + "\"}", "Bash", 10)));
        ingest("codex", UUID.randomUUID().toString(), null, "/srv/other", List.of(
                entry("x:0", null, "user", "text", "elsewhere " + word, null, 0)));

        JsonNode all = search(admin, "q=" + word);
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(all.path("hits").get(0).path("role").asText()).as("the message with the word three times first")
                .isEqualTo("assistant");
        assertThat(all.path("hits").get(0).path("rank").asDouble())
                .isGreaterThan(all.path("hits").get(3).path("rank").asDouble());
        String escaped = hit(all, "user", "/srv/search").path("snippet").asText();
        assertThat(escaped).contains("<mark>" + word + "</mark>").contains("x &lt; y &amp; z &gt; &quot;w&quot;");
        assertThat(escaped.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<").doesNotContain(">");
        assertThat(search(admin, "q=" + word + "&tool=Bash").path("total").asLong()).isEqualTo(1);
        assertThat(search(admin, "q=" + word + "&role=user").path("total").asLong()).isEqualTo(2);
        assertThat(search(admin, "q=" + word + "&agent=codex").path("total").asLong()).isEqualTo(1);
        assertThat(search(admin, "q=" + word + "&project=/srv/search&hostId=" + host.id()).path("total").asLong()).isEqualTo(3);
        assertThat(search(admin, "q=" + word + "&from=2030-01-01T00:00:00Z").path("total").asLong()).isZero();
        given().auth().oauth2(admin).get("/api/v1/search?q=" + word + "&role=robot").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/v1/search").then().statusCode(400);
        assertThat(given().auth().oauth2(admin).get("/api/v1/conversations?q=" + word + "&hostId=" + host.id())
                .then().statusCode(200).extract().header("X-Total-Count")).isEqualTo("2");
    }

    @Test
    void peopleSeeTheConversationsOfTheSessionsTheySeeAndOnlyAdminsTheHostsOwnRuns() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String agentSession = UUID.randomUUID().toString();
        UUID session = insertSession(host.id(), owner.username(), agentSession);
        Api.share(owner.token(), session, viewer.username(), "view");
        WsClient ownerEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), owner.token());
        try {
            ingest("claude", agentSession, null, "/srv/shop", List.of(entry("u1:0", null, "user", "text", "mine " + word, null, 0)));
            String ownRun = UUID.randomUUID().toString();
            ingest("claude", ownRun, null, "/home/me", List.of(entry("u1:0", null, "user", "text", "own run " + word, null, 0)));

            JsonNode mine = conversation(admin, agentSession);
            String id = mine.path("id").asText();
            assertThat(mine.path("sessionId").asText()).isEqualTo(session.toString());
            assertThat(mine.path("createdBy").asText()).isEqualTo(owner.username());
            assertThat(mine.path("resumable").asBoolean()).as("the host offers claude with resume").isTrue();
            String ownRunId = conversation(admin, ownRun).path("id").asText();
            assertThat(conversation(admin, ownRun).path("createdBy").isNull()).isTrue();

            JsonNode pushed = LiveMessages.await(ownerEvents, message -> "conversation-messages".equals(message.path("type").asText())
                    && id.equals(message.path("conversationId").asText()));
            assertThat(pushed.path("lastSeq").asLong()).isEqualTo(1);

            for (Api.NewAccount sees : List.of(owner, viewer)) {
                given().auth().oauth2(sees.token()).get("/api/v1/conversations/" + id).then().statusCode(200);
                given().auth().oauth2(sees.token()).get("/api/v1/sessions/" + session + "/transcript").then().statusCode(200);
                assertThat(search(sees.token(), "q=" + word).path("total").asLong()).isEqualTo(1);
                given().auth().oauth2(sees.token()).get("/api/v1/conversations/" + ownRunId).then().statusCode(404);
            }
            given().auth().oauth2(stranger.token()).get("/api/v1/conversations/" + id).then().statusCode(404);
            given().auth().oauth2(stranger.token()).get("/api/v1/conversations/" + id + "/messages").then().statusCode(404);
            given().auth().oauth2(stranger.token()).get("/api/v1/sessions/" + session + "/transcript").then().statusCode(404);
            assertThat(search(stranger.token(), "q=" + word).path("total").asLong()).isZero();
            assertThat(given().auth().oauth2(stranger.token()).get("/api/v1/conversations/tree").then().statusCode(200)
                    .extract().<List<Object>>path("findAll { it.hostId == '" + host.id() + "' }")).isEmpty();
            assertThat(search(admin, "q=" + word).path("total").asLong()).isEqualTo(2);
            List<Map<String, Object>> tree = given().auth().oauth2(admin).get("/api/v1/conversations/tree").then().statusCode(200)
                    .extract().path("findAll { it.hostId == '" + host.id() + "' }.projects.flatten()");
            assertThat(tree).extracting(project -> project.get("project")).containsExactlyInAnyOrder("/home/me", "/srv/shop");
        } finally {
            ownerEvents.close();
        }
    }

    @Test
    void aConversationResumesOnItsHostOnceAtATime() throws Exception {
        String agentSession = UUID.randomUUID().toString();
        UUID session = insertSession(host.id(), owner.username(), agentSession);
        Api.share(owner.token(), session, viewer.username(), "view");
        ingest("claude", agentSession, null, "/srv/shop", List.of(entry("u1:0", null, "user", "text", "resume me", null, 0)));
        String id = conversation(admin, agentSession).path("id").asText();

        given().auth().oauth2(viewer.token()).post("/api/v1/conversations/" + id + "/resume").then().statusCode(403);
        given().auth().oauth2(stranger.token()).post("/api/v1/conversations/" + id + "/resume").then().statusCode(404);
        Response resumed = given().auth().oauth2(owner.token()).post("/api/v1/conversations/" + id + "/resume");
        assertThat(resumed.statusCode()).as(resumed.asString()).isEqualTo(201);
        String started = resumed.path("id");
        JsonNode spawn = daemon.expect("spawn");
        assertThat(spawn.path("mode").asText()).isEqualTo("resume");
        assertThat(spawn.path("profile").asText()).isEqualTo("claude");
        assertThat(spawn.path("agentSessionId").asText()).isEqualTo(agentSession);
        assertThat(spawn.path("cwd").asText()).isEqualTo("/srv/shop");

        given().auth().oauth2(admin).post("/api/v1/conversations/" + id + "/resume").then().statusCode(409);
        assertThat(given().auth().oauth2(owner.token()).get("/api/v1/conversations/" + id).then().statusCode(200)
                .extract().<String>path("resumedBySessionId")).isEqualTo(started);
    }

    @Test
    void aResumeRefusedByTheLockLeavesTheLockToWhoHoldsIt() throws Exception {
        String agentSession = UUID.randomUUID().toString();
        insertSession(host.id(), owner.username(), agentSession);
        ingest("claude", agentSession, null, "/srv/shop", List.of(entry("u1:0", null, "user", "text", "locked", null, 0)));
        String id = conversation(admin, agentSession).path("id").asText();
        try (Connection db = Api.jdbc(); PreparedStatement lock = db.prepareStatement(
                "UPDATE conversation SET resume_locked_until = now() + interval '1 minute' WHERE id = ?::uuid")) {
            lock.setString(1, id);
            lock.executeUpdate();
        }

        given().auth().oauth2(owner.token()).post("/api/v1/conversations/" + id + "/resume").then().statusCode(409);

        try (Connection db = Api.jdbc(); PreparedStatement held = db.prepareStatement(
                "SELECT resume_locked_until IS NOT NULL FROM conversation WHERE id = ?::uuid")) {
            held.setString(1, id);
            try (java.sql.ResultSet row = held.executeQuery()) {
                assertThat(row.next() && row.getBoolean(1)).as("the first resume's lock is still held").isTrue();
            }
        }
    }

    @Test
    void conversationsPastTheirProjectsRetentionAreDeleted() throws Throwable {
        String old = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        ingest("claude", old, null, "/srv/retained", List.of(entry("u1:0", null, "user", "text", "old", null, 0)));
        ingest("claude", kept, null, "/srv/kept", List.of(entry("u1:0", null, "user", "text", "kept", null, 0)));
        try (Connection db = Api.jdbc(); PreparedStatement age = db.prepareStatement(
                "UPDATE conversation SET updated_at = now() - interval '40 days' WHERE agent_session_id = ANY(?)")) {
            age.setArray(1, db.createArrayOf("text", new String[] {old, kept}));
            age.executeUpdate();
        }

        Integer deleted = VertxContextSupport.subscribeAndAwait(() -> repository.purge(Map.of("/srv/retained", Duration.ofDays(30)),
                null));

        assertThat(deleted).isEqualTo(1);
        given().auth().oauth2(admin).get("/api/v1/conversations?hostId=" + host.id()).then().statusCode(200)
                .header("X-Total-Count", "1");
    }

    /** Sends a transcript batch as the daemon and waits for its acknowledgement. */
    private void ingest(String agent, String agentSession, UUID sessionId, String cwd, List<Map<String, Object>> entries)
            throws Exception {
        long number = batch++;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "transcript");
        message.put("batch", number);
        message.put("agent", agent);
        message.put("agentSessionId", agentSession);
        message.put("sessionId", sessionId);
        message.put("cwd", cwd);
        message.put("entries", entries);
        daemon.send(message);
        while (true) {
            JsonNode answer = daemon.next();
            if ("transcript-ack".equals(answer.path("type").asText()) && answer.path("batch").asLong() == number) {
                return;
            }
        }
    }

    private static Map<String, Object> entry(String key, String agentMessageId, String role, String kind, String text,
            String tool, long input) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", key);
        entry.put("agentMessageId", agentMessageId);
        entry.put("role", role);
        entry.put("kind", kind);
        entry.put("text", text);
        entry.put("toolName", tool);
        entry.put("toolUseId", tool == null ? null : "toolu_1");
        entry.put("inputTokens", input);
        entry.put("outputTokens", input == 0 ? 0 : 222);
        entry.put("at", AT);
        return entry;
    }

    private JsonNode conversation(String token, String agentSession) throws Exception {
        String body = given().auth().oauth2(token).get("/api/v1/conversations?hostId=" + host.id() + "&limit=500")
                .then().statusCode(200).extract().asString();
        for (JsonNode conversation : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)) {
            if (conversation.path("agentSessionId").asText().equals(agentSession)) {
                return conversation;
            }
        }
        throw new AssertionError("no conversation " + agentSession + " in " + body);
    }

    private static JsonNode search(String token, String query) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(given().auth().oauth2(token).get("/api/v1/search?" + query)
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode hit(JsonNode search, String role, String project) {
        for (JsonNode hit : search.path("hits")) {
            if (hit.path("role").asText().equals(role) && hit.path("project").asText().equals(project)) {
                return hit;
            }
        }
        throw new AssertionError("no " + role + " hit in " + project + ": " + search);
    }

    private static UUID insertSession(UUID hostId, String createdBy, String agentSessionId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Api.jdbc(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO session (id, host_id, command, state, created_by, created_at, profile, mode, agent_session_id) "
                        + "VALUES (?, ?, ARRAY['claude'], 'exited', ?, now(), 'claude', 'new', ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, hostId);
            insert.setString(3, createdBy);
            insert.setString(4, agentSessionId);
            insert.executeUpdate();
        }
        return id;
    }
}
