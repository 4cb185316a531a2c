package dev.drover.hub.telemetry;

import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.telemetry.v1.CostBasis;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
import dev.drover.telemetry.v1.SessionStatusRequest;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import dev.drover.telemetry.v1.ActivityEvent;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TelemetryStreamTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    private ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = NettyChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void usageIsCountedOnceAndEveryEventAcknowledged() throws Exception {
        UUID sessionId = insertSession();
        Metadata secret = new Metadata();
        secret.put(AUTHORIZATION, "Bearer test-ingest-secret");
        var stub = MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(secret));

        List<EventAck> acks = stub.publish(Multi.createFrom().items(
                        usage("evt-1-" + sessionId, sessionId, 1000, 200, 11437800),
                        usage("evt-2-" + sessionId, sessionId, 10, 5, 1),
                        usage("evt-1-" + sessionId, sessionId, 1000, 200, 11437800),
                        activity("evt-3-" + sessionId, sessionId),
                        usage("evt-4-" + sessionId, UUID.randomUUID(), 1, 1, 1)))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10));

        assertThat(acks).extracting(EventAck::getEventId).containsExactly(
                "evt-1-" + sessionId, "evt-2-" + sessionId, "evt-1-" + sessionId, "evt-3-" + sessionId,
                "evt-4-" + sessionId);
        var shown = given().auth().oauth2(Api.adminToken()).get("/api/v1/sessions/" + sessionId).then()
                .statusCode(200).extract();
        assertThat(shown.<Integer>path("usage.inputTokens")).isEqualTo(1010);
        assertThat(shown.<Integer>path("usage.outputTokens")).isEqualTo(205);
        assertThat(shown.<Integer>path("usage.cacheReadTokens")).isEqualTo(7);
        assertThat(shown.<String>path("usage.costUsd")).isEqualTo("0.011437801");
    }

    @Test
    void nulByteInOneSessionsModelNoLongerStopsTelemetryForEverySession() throws Exception {
        UUID poisoned = insertSession();
        UUID other = insertSession();
        TelemetryEvent nul = TelemetryEvent.newBuilder(usage("nul-" + poisoned, poisoned, 5, 5, 5))
                .setUsage(UsageDelta.newBuilder().setModel("claude\u0000x").setInputTokens(5)).build();

        List<EventAck> acks = publish(nul, usage("after-nul-" + other, other, 42, 0, 0));

        assertThat(acks).extracting(EventAck::getEventId).containsExactly("nul-" + poisoned, "after-nul-" + other);
        assertThat(inputTokens(other)).isEqualTo(42);
        assertThat(inputTokens(poisoned)).isZero();
        given().auth().oauth2(Api.adminToken()).get("/api/v1/telemetry/dead-letters").then()
                .statusCode(200)
                .body("find { it.eventId == 'nul-%s' }.sessionId".formatted(poisoned), equalTo(poisoned.toString()))
                .body("find { it.eventId == 'nul-%s' }.reason".formatted(poisoned), containsString("0x00"))
                .body("find { it.eventId == 'nul-%s' }.usage.model".formatted(poisoned), equalTo("claude\\u0000x"));
    }

    @Test
    void usageTotalBeyondTheLargestCountIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        UUID poisoned = insertSession();
        UUID other = insertSession();

        List<EventAck> acks = publish(
                usage("max-" + poisoned, poisoned, Long.MAX_VALUE, 0, 0),
                usage("overflow-" + poisoned, poisoned, 1000, 0, 0),
                usage("after-overflow-" + other, other, 42, 0, 0));

        assertThat(acks).hasSize(3);
        assertThat(inputTokens(other)).isEqualTo(42);
        assertThat(deadLetterReason("overflow-" + poisoned)).contains("out of range");
        assertThat(deadLetterReason("max-" + poisoned)).isNull();
    }

    /** Issue 12: the context bar shows the prompt tokens of the session's latest model request against its window. */
    @Test
    void aSessionSaysHowMuchOfItsCostIsEstimatedAndHowManyOfItsTokensHaveNoPrice() throws Exception {
        UUID session = insertSession();

        publish(priced("basis-reported-" + session, session, CostBasis.COST_BASIS_REPORTED, 1000, 11_437_800),
                priced("basis-estimated-" + session, session, CostBasis.COST_BASIS_ESTIMATED, 2000, 420_000_000),
                priced("basis-estimated-" + session, session, CostBasis.COST_BASIS_ESTIMATED, 2000, 420_000_000),
                priced("basis-unpriced-" + session, session, CostBasis.COST_BASIS_UNPRICED, 3000, 0));

        var shown = given().auth().oauth2(Api.adminToken()).get("/api/v1/sessions/" + session).then()
                .statusCode(200).extract();
        assertThat(shown.<String>path("usage.costUsd")).isEqualTo("0.4314378");
        assertThat(shown.<String>path("usage.estimatedCostUsd")).as("the resent event counts once").isEqualTo("0.42");
        assertThat(shown.<Integer>path("usage.unpricedTokens")).as("3000 input + 100 output").isEqualTo(3100);
    }

    @Test
    void theLatestRequestsPromptTokensAndItsModelsWindowAreTheSessionsContext() throws Exception {
        UUID session = insertSession();
        long second = 1_000_000_000L;

        publish(context("ctx-1-" + session, session, 10 * second, "claude-opus-5-5", 1000, 4000, 300, 200_000),
                context("ctx-3-" + session, session, 30 * second, "claude-opus-5-5", 2000, 9000, 100, 200_000),
                context("ctx-late-" + session, session, 20 * second, "claude-opus-5-5", 50_000, 0, 0, 200_000),
                context("ctx-output-" + session, session, 40 * second, "claude-opus-5-5", 0, 0, 0, 200_000));

        var shown = given().auth().oauth2(Api.adminToken()).get("/api/v1/sessions/" + session).then()
                .statusCode(200).extract();
        assertThat(shown.<Integer>path("contextTokens")).as("2000 input + 9000 cache read + 100 cache creation")
                .isEqualTo(11_100);
        assertThat(shown.<Integer>path("contextWindow")).isEqualTo(200_000);
        assertThat(shown.<String>path("contextModel")).isEqualTo("claude-opus-5-5");
        assertThat(shown.<Integer>path("usage.inputTokens")).as("every event still counts").isEqualTo(53_000);

        publish(context("ctx-unknown-" + session, session, 50 * second, "my-proxy-model", 700, 0, 0, 0));

        var unknown = given().auth().oauth2(Api.adminToken()).get("/api/v1/sessions/" + session).then()
                .statusCode(200).extract();
        assertThat(unknown.<Integer>path("contextTokens")).isEqualTo(700);
        assertThat(unknown.<Object>path("contextWindow")).as("a model whose profile lists no window").isNull();
        assertThat(unknown.<String>path("contextModel")).isEqualTo("my-proxy-model");
    }

    @Test
    void negativeUsageIsDeadLetteredNotSubtracted() throws Exception {
        UUID session = insertSession();

        publish(usage("positive-" + session, session, 500, 0, 0), usage("negative-" + session, session, -346, 0, 0));

        assertThat(inputTokens(session)).isEqualTo(500);
        assertThat(deadLetterReason("negative-" + session)).isEqualTo("input_tokens is negative");
    }

    @Test
    void deadLettersAreForAdminsOnly() {
        given().auth().oauth2(Api.tokenForNewAccount(accounts, "operator"))
                .get("/api/v1/telemetry/dead-letters").then().statusCode(403);
        given().auth().oauth2(Api.tokenForNewAccount(accounts, "viewer"))
                .get("/api/v1/telemetry/dead-letters").then().statusCode(403);
        given().get("/api/v1/telemetry/dead-letters").then().statusCode(401);
        given().auth().oauth2(Api.adminToken()).queryParam("limit", 0)
                .get("/api/v1/telemetry/dead-letters").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** Issue 9: a telemetry token outlived its session by 30 days; the ingest now asks whether the session is live. */
    @Test
    void aTelemetryTokenIsGoodOnlyWhileItsSessionIsLive() throws Exception {
        UUID session = insertSession();
        assertThat(isLive(session.toString())).as("running").isTrue();

        endAgo(session, "0 seconds");
        assertThat(isLive(session.toString())).as("just exited: its CLI may still flush its last turn").isTrue();
        publish(usage("last-turn-" + session, session, 300, 40, 2_000_000));
        assertThat(inputTokens(session)).as("the last turn's usage, arriving after the end, counts").isEqualTo(300);

        endAgo(session, "16 seconds");
        assertThat(isLive(session.toString())).as("exited longer ago than drover.hub.telemetry-end-grace").isFalse();
        assertThat(isLive(UUID.randomUUID().toString())).as("unknown").isFalse();
        assertThat(isLive("not-a-session")).as("no session id").isFalse();
        assertThatThrownBy(() -> MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                .getSessionStatus(SessionStatusRequest.newBuilder().setSessionId(session.toString()).build())
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void streamWithoutTheSecretIsUnauthenticated() {
        var stub = MutinyTelemetryStreamGrpc.newMutinyStub(channel);
        assertThatThrownBy(() -> stub.publish(Multi.createFrom().items(activity("evt-x", UUID.randomUUID())))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    private List<EventAck> publish(TelemetryEvent... events) {
        return asTheIngest()
                .publish(Multi.createFrom().items(events))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10));
    }

    private boolean isLive(String sessionId) {
        return asTheIngest()
                .getSessionStatus(SessionStatusRequest.newBuilder().setSessionId(sessionId).build())
                .await().atMost(Duration.ofSeconds(10))
                .getLive();
    }

    /** A stub that presents the ingest's secret. */
    private MutinyTelemetryStreamGrpc.MutinyTelemetryStreamStub asTheIngest() {
        Metadata secret = new Metadata();
        secret.put(AUTHORIZATION, "Bearer test-ingest-secret");
        return MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(secret));
    }

    private static void endAgo(UUID sessionId, String ago) throws Exception {
        try (Connection db = Api.jdbc();
                PreparedStatement exited = db.prepareStatement(
                        "UPDATE session SET state = 'exited', ended_at = now() - ?::interval WHERE id = ?")) {
            exited.setString(1, ago);
            exited.setObject(2, sessionId);
            exited.executeUpdate();
        }
    }

    private static long inputTokens(UUID sessionId) throws Exception {
        try (Connection db = Api.jdbc();
                PreparedStatement query = db.prepareStatement("SELECT input_tokens FROM session WHERE id = ?")) {
            query.setObject(1, sessionId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String deadLetterReason(String eventId) throws Exception {
        try (Connection db = Api.jdbc();
                PreparedStatement query = db.prepareStatement(
                        "SELECT reason FROM telemetry_dead_letter WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static TelemetryEvent usage(String eventId, UUID sessionId, long input, long output, long costNanoUsd) {
        return TelemetryEvent.newBuilder()
                .setEventId(eventId)
                .setSessionId(sessionId.toString())
                .setObservedAtUnixNanos(1_700_000_000_123_000_000L)
                .setUsage(UsageDelta.newBuilder()
                        .setModel("claude-sonnet-4")
                        .setInputTokens(input)
                        .setOutputTokens(output)
                        .setCacheReadTokens(input > 100 ? 7 : 0)
                        .setCostNanoUsd(costNanoUsd)
                        .setSource("claude_code.token.usage"))
                .build();
    }

    private static TelemetryEvent priced(String eventId, UUID sessionId, CostBasis basis, long input, long costNanoUsd) {
        return TelemetryEvent.newBuilder()
                .setEventId(eventId)
                .setSessionId(sessionId.toString())
                .setObservedAtUnixNanos(1_700_000_000_123_000_000L)
                .setUsage(UsageDelta.newBuilder()
                        .setModel("gemini-3.8-flash")
                        .setInputTokens(input)
                        .setOutputTokens(100)
                        .setCostNanoUsd(costNanoUsd)
                        .setCostBasis(basis)
                        .setSource("gemini_cli.api_response"))
                .build();
    }

    private static TelemetryEvent context(String eventId, UUID sessionId, long observedAtNanos, String model, long input,
            long cacheRead, long cacheCreation, long window) {
        return TelemetryEvent.newBuilder()
                .setEventId(eventId)
                .setSessionId(sessionId.toString())
                .setObservedAtUnixNanos(1_700_000_000_000_000_000L + observedAtNanos)
                .setUsage(UsageDelta.newBuilder()
                        .setModel(model)
                        .setInputTokens(input)
                        .setOutputTokens(17)
                        .setCacheReadTokens(cacheRead)
                        .setCacheCreationTokens(cacheCreation)
                        .setContextWindowTokens(window)
                        .setSource("claude_code.token.usage"))
                .build();
    }

    private static TelemetryEvent activity(String eventId, UUID sessionId) {
        return TelemetryEvent.newBuilder()
                .setEventId(eventId)
                .setSessionId(sessionId.toString())
                .setActivity(ActivityEvent.newBuilder().setName("user_prompt").putAttributes("length", "12"))
                .build();
    }

    private static UUID insertSession() throws Exception {
        UUID hostId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        try (Connection db = Api.jdbc();
                PreparedStatement host = db.prepareStatement(
                        "INSERT INTO host (id, name, created_at) VALUES (?, ?, now())");
                PreparedStatement session = db.prepareStatement(
                        "INSERT INTO session (id, host_id, command, state, created_by, created_at) "
                                + "VALUES (?, ?, ARRAY['claude'], 'running', 'admin', now())")) {
            host.setObject(1, hostId);
            host.setString(2, "telemetry-" + hostId);
            host.executeUpdate();
            session.setObject(1, sessionId);
            session.setObject(2, hostId);
            session.executeUpdate();
        }
        return sessionId;
    }
}
