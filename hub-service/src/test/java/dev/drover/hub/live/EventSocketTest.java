package dev.drover.hub.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.live.service.Notice;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.LiveMessages;
import dev.drover.hub.support.WsClient;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's event socket (docs/api/events.md) with real WebSockets, gRPC and PostgreSQL triggers. */
@QuarkusTest
class EventSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Inject
    Event<Notice> notices;

    @Inject
    SessionChangeCounter counter;

    private URI events() {
        return WsClient.ws(base, "/api/v1/events");
    }

    @Test
    void aReaderGetsHelloThenTheSessionAsATelemetryEventChangesItsUsage() throws Exception {
        UUID sessionId = insertSession("hello-host-" + UUID.randomUUID());
        WsClient reader = WsClient.connect(events(), Api.adminToken());
        JsonNode hello = JSON.readTree(reader.nextText());
        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.path("protocol").asInt()).isEqualTo(1);
        assertThat(hello.path("heartbeatSeconds").asLong()).isEqualTo(25);

        publishUsage(sessionId, 1234, 11437800);

        JsonNode changed = LiveMessages.await(reader, message -> message.path("type").asText().equals("session")
                && message.path("session").path("id").asText().equals(sessionId.toString())
                && message.path("session").path("usage").path("inputTokens").asLong() == 1234);
        assertThat(changed.path("session").path("usage").path("costUsd").asText()).isEqualTo("0.0114378");
        assertThat(changed.path("session").path("state").asText()).isEqualTo("running");
        assertThat(changed.path("session").path("hostName").asText()).startsWith("hello-host-");
        reader.close();
    }

    @Test
    void aHostGoesOnlineAndOfflineAsItsDaemonConnectsAndLeaves() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "online-host-" + UUID.randomUUID());
        WsClient reader = WsClient.connect(events(), admin);
        assertThat(JSON.readTree(reader.nextText()).path("type").asText()).isEqualTo("hello");

        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            JsonNode online = LiveMessages.await(reader, message -> message.path("type").asText().equals("host")
                    && message.path("host").path("id").asText().equals(host.id().toString())
                    && message.path("host").path("online").asBoolean());
            assertThat(online.path("host").path("hostname").asText()).isNotEmpty();
        }

        LiveMessages.await(reader, message -> message.path("type").asText().equals("host")
                && message.path("host").path("id").asText().equals(host.id().toString())
                && !message.path("host").path("online").asBoolean());
        given().auth().oauth2(admin).delete("/api/v1/hosts/" + host.id()).then().statusCode(204);
        LiveMessages.await(reader, message -> message.path("type").asText().equals("host-removed")
                && message.path("id").asText().equals(host.id().toString()));
        reader.close();
    }

    @Test
    void upgradesWithoutALoginWithAHostCredentialOrFromAForeignOriginAreRefused() throws Exception {
        assertThat(WsClient.refusedStatus(events(), null)).isEqualTo(401);
        assertThat(WsClient.refusedStatus(events(), "forged.token.value")).isEqualTo(401);
        Api.Enrolled host = Api.enrolledHost(Api.adminToken(), "events-host-" + UUID.randomUUID());
        assertThat(WsClient.refusedStatus(events(), host.credential())).as("a host credential").isEqualTo(403);

        String cookie = "drover_session=" + browserSessionCookie();
        assertThat(WsClient.refusedStatusWithHeaders(events(), Map.of("Cookie", cookie, "Origin", "http://evil.example")))
                .isEqualTo(403);
        assertThat(WsClient.refusedStatusWithHeaders(events(), Map.of("Cookie", cookie, "Origin", "null"))).isEqualTo(403);
        WsClient own = WsClient.connectWithHeaders(events(), Map.of("Cookie", cookie,
                "Origin", base.getScheme() + "://" + base.getAuthority()));
        assertThat(JSON.readTree(own.nextText()).path("type").asText()).isEqualTo("hello");
        own.close();
    }

    @Test
    void aViewerSeesSessionsButOnlyTheNoticesMeantForIt() throws Throwable {
        String viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> accounts.create(viewerName, password, Set.of("viewer")));
        WsClient viewer = WsClient.connect(events(), Api.login(viewerName, password));
        assertThat(JSON.readTree(viewer.nextText()).path("type").asText()).isEqualTo("hello");

        UUID sessionId = insertSession("viewer-host-" + UUID.randomUUID());
        Api.share(Api.adminToken(), sessionId, viewerName, "view");
        LiveMessages.await(viewer, message -> message.path("session").path("id").asText().equals(sessionId.toString()));

        notices.fire(new Notice("budget-warning", "for someone else", sessionId, Notice.Audience.account("someone-else")));
        notices.fire(new Notice("budget-warning", "for admins", sessionId, Notice.Audience.role("admin")));
        notices.fire(new Notice("budget-warning", "for the viewer", sessionId, Notice.Audience.account(viewerName)));
        notices.fire(new Notice("maintenance", "for everyone", null, Notice.Audience.EVERYONE));

        JsonNode first = LiveMessages.await(viewer, message -> message.path("type").asText().equals("notice"));
        assertThat(first.path("message").asText()).isEqualTo("for the viewer");
        assertThat(first.path("sessionId").asText()).isEqualTo(sessionId.toString());
        JsonNode second = LiveMessages.await(viewer, message -> message.path("type").asText().equals("notice"));
        assertThat(second.path("message").asText()).isEqualTo("for everyone");
        viewer.close();
    }

    @Test
    void logoutClosesThatLoginsEventSocket() throws Exception {
        String token = Api.adminToken();
        WsClient reader = WsClient.connect(events(), token);
        assertThat(JSON.readTree(reader.nextText()).path("type").asText()).isEqualTo("hello");

        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);

        assertThat(reader.awaitClose()).isEqualTo(1008);
        assertThat(reader.closeReason).isEqualTo("signed out");
    }

    /**
     * A reader that stops reading while 400 sessions of 50 KB each change is closed with 4429 once
     * the hub holds more than 2 MiB it could not send, instead of buffering all 20 MB. It reads again
     * once the hub has handed every change to the sockets (within the hub's 10 s closing timeout).
     */
    @Test
    void aReaderThatStopsReadingIsClosedNotBufferedForever() throws Exception {
        StalledReader stalled = new StalledReader();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + Api.adminToken())
                .buildAsync(events(), stalled).join();
        String hostName = "slow-host-" + UUID.randomUUID();
        int before = counter.seen();
        insertSession(hostName);
        try (Connection db = Api.jdbc();
                PreparedStatement many = db.prepareStatement("""
                        INSERT INTO session (id, host_id, command, state, created_by, created_at, task)
                        SELECT gen_random_uuid(), (SELECT id FROM host WHERE name = ?), ARRAY['claude'], 'running', 'admin',
                               now(), repeat('x', 50000) || n
                        FROM generate_series(1, 400) AS n""")) {
            many.setString(1, hostName);
            assertThat(many.executeUpdate()).isEqualTo(400);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (counter.seen() < before + 401 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counter.seen()).as("session changes handed to the event sockets").isGreaterThanOrEqualTo(before + 401);

        stalled.socket.request(Long.MAX_VALUE);

        assertThat(stalled.closed.get(20, TimeUnit.SECONDS)).isEqualTo(4429);
        assertThat(stalled.reason).startsWith("too slow");
        assertThat(stalled.messages.get()).as("messages before the close").isLessThan(400);
    }

    /** A reader that reads nothing until told to, then counts messages until the close. */
    private static final class StalledReader implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final AtomicInteger messages = new AtomicInteger();
        volatile WebSocket socket;
        volatile String reason;

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String text) {
            reason = text;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }


    private static String browserSessionCookie() {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/login");
        assertThat(login.statusCode()).isEqualTo(200);
        return login.getCookie("drover_session");
    }

    private void publishUsage(UUID sessionId, long input, long costNanoUsd) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
        try {
            Metadata secret = new Metadata();
            secret.put(AUTHORIZATION, "Bearer test-ingest-secret");
            TelemetryEvent event = TelemetryEvent.newBuilder()
                    .setEventId("live-" + sessionId)
                    .setSessionId(sessionId.toString())
                    .setObservedAtUnixNanos(1_700_000_000_123_000_000L)
                    .setUsage(UsageDelta.newBuilder().setModel("claude-sonnet-4").setInputTokens(input)
                            .setCostNanoUsd(costNanoUsd).setSource("claude_code.token.usage"))
                    .build();
            List<EventAck> acks = MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(secret))
                    .publish(Multi.createFrom().items(event))
                    .collect().asList()
                    .await().atMost(Duration.ofSeconds(10));
            assertThat(acks).hasSize(1);
        } finally {
            channel.shutdownNow();
        }
    }

    /** A host named {@code hostName} with one running session; answers the session's id. */
    private static UUID insertSession(String hostName) throws Exception {
        UUID hostId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        try (Connection db = Api.jdbc();
                PreparedStatement host = db.prepareStatement("INSERT INTO host (id, name, created_at) VALUES (?, ?, now())");
                PreparedStatement session = db.prepareStatement(
                        "INSERT INTO session (id, host_id, command, state, created_by, created_at) "
                                + "VALUES (?, ?, ARRAY['claude'], 'running', 'admin', now())")) {
            host.setObject(1, hostId);
            host.setString(2, hostName);
            host.executeUpdate();
            session.setObject(1, sessionId);
            session.setObject(2, hostId);
            session.executeUpdate();
        }
        return sessionId;
    }
}
