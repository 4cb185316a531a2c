package dev.drover.ingest.otlp;

import dev.drover.ingest.Fixtures;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.ingest.forwarding.TestHub;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class OtlpGrpcReceiverTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("otlp")
    MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

    @GrpcClient("otlp")
    LogsServiceGrpc.LogsServiceBlockingStub logs;

    @Inject
    TestHub hub;

    @Test
    void metricsExportOverGrpcIsForwarded() throws Exception {
        String session = UUID.randomUUID().toString();
        ExportMetricsServiceRequest request =
                ExportMetricsServiceRequest.parseFrom(Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"));

        ExportMetricsServiceResponse response = withToken(metrics, TelemetryTokens.bearer(session)).export(request);

        long requests = Fixtures.claudeApiRequests("claude-http-protobuf/0002-v1_logs.bin");
        assertThat(response).isEqualTo(ExportMetricsServiceResponse.getDefaultInstance());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TelemetryTotals.of(hub.eventsOf(session)))
                .isEqualTo(new TelemetryTotals(1111 * requests, 222 * requests, 4444 * requests, 333 * requests,
                        11_437_800 * requests)));
    }

    @Test
    void logsExportOverGrpcIsForwarded() throws Exception {
        String session = UUID.randomUUID().toString();
        ExportLogsServiceRequest request =
                ExportLogsServiceRequest.parseFrom(Fixtures.bytes("claude-http-protobuf/0002-v1_logs.bin"));

        withToken(logs, TelemetryTokens.bearer(session)).export(request);

        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.eventsOf(session).isEmpty());
        assertThat(hub.eventsOf(session)).allSatisfy(e -> assertThat(e.hasActivity()).isTrue());
    }

    @Test
    void exportWithoutTokenIsUnauthenticated() throws Exception {
        ExportMetricsServiceRequest request =
                ExportMetricsServiceRequest.parseFrom(Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"));

        assertThatThrownBy(() -> metrics.export(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void exportWithTokenForAnotherAudienceIsUnauthenticated() throws Exception {
        ExportMetricsServiceRequest request =
                ExportMetricsServiceRequest.parseFrom(Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"));
        String token = "Bearer " + TelemetryTokens.token(UUID.randomUUID().toString(), "somebody-else");

        assertThatThrownBy(() -> withToken(metrics, token).export(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    /** Issue 9: a session's telemetry token stayed good for 30 days after the session ended. */
    @Test
    void aTokenWhoseSessionEndedIsUnauthenticatedAlsoWhileTheHubIsDown() throws Exception {
        String session = UUID.randomUUID().toString();
        ExportMetricsServiceRequest request =
                ExportMetricsServiceRequest.parseFrom(Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"));
        MetricsServiceGrpc.MetricsServiceBlockingStub export = withToken(metrics, TelemetryTokens.bearer(session));
        export.export(request);

        hub.end(session);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> export.export(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("the telemetry token's session has ended");
                }));
        hub.stop();
        try {
            await().pollDelay(Duration.ofMillis(300)).untilAsserted(() -> assertThatThrownBy(() -> export.export(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED)));
        } finally {
            hub.start();
        }
    }

    private static <S extends io.grpc.stub.AbstractStub<S>> S withToken(S stub, String authorization) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
