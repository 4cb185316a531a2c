package dev.drover.hub.telemetry;

import dev.drover.hub.support.Api;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
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

@QuarkusTest
class TelemetryStreamTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @TestHTTPResource("/")
    URI base;

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
    void streamWithoutTheSecretIsUnauthenticated() {
        var stub = MutinyTelemetryStreamGrpc.newMutinyStub(channel);
        assertThatThrownBy(() -> stub.publish(Multi.createFrom().items(activity("evt-x", UUID.randomUUID())))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
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
