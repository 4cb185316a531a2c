package dev.drover.ingest.otlp;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.RetryInfo;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.ingest.forwarding.TestHub;
import dev.drover.ingest.otlp.grpc.RawBytesMarshaller;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Exports that once broke telemetry for every session, each answered with a clear refusal now. */
@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class HostileExportTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    TestHub hub;

    @GrpcClient("otlp")
    MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

    @ConfigProperty(name = "quarkus.grpc.clients.otlp.port")
    int otlpGrpcPort;

    @Test
    void nulByteInTheModelIsRefusedNamingTheField() {
        post(UUID.randomUUID().toString(), UsageExports.inputTokens("claude\u0000opus", 10, 1))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", containsString("claude_code.token.usage data point 0 attribute model"))
                .body("detail", containsString("U+0000"));
    }

    @Test
    void escapeSequenceInAnActivityNameIsRefusedButLineBreaksInValuesAreNot() {
        String session = UUID.randomUUID().toString();

        given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType(PROTOBUF)
                .body(logRecord("user_prompt\u001b[31m", "two\nlines").toByteArray())
                .post("/v1/logs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("log record 0 name contains the control character U+001B"));
        given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType(PROTOBUF)
                .body(logRecord("user_prompt", "two\nlines").toByteArray())
                .post("/v1/logs")
                .then().statusCode(200);
    }

    @Test
    void negativeTokensAreRefused() {
        post(UUID.randomUUID().toString(), UsageExports.inputTokens("claude-opus", -346, 1))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("negative (-346)"));
    }

    @Test
    void negativeCostIsRefused() {
        post(UUID.randomUUID().toString(), UsageExports.cost("claude-opus", -10.5))
                .statusCode(400)
                .body("detail", containsString("claude_code.cost.usage data point 0 (USD) is negative (-10.5)"));
    }

    @Test
    void largestTokenCountIsRefusedAsAbsurd() {
        post(UUID.randomUUID().toString(), UsageExports.inputTokens("claude-opus", Long.MAX_VALUE, 1))
                .statusCode(400)
                .body("detail", containsString("more than the 1000000000000 one data point may report"));
    }

    @Test
    void costOf1e300InJsonIsABadRequestProblemNotA500() throws Exception {
        postCostAsJson("1e300")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("is 1.0E+300, more than the 1000000 one data point may report"));
    }

    @Test
    void nanCostInJsonIsRefused() throws Exception {
        postCostAsJson("\"NaN\"")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("is NaN"));
    }

    @Test
    void unknownPathIsAProblemDocument() {
        given().post("/v1/nothing-here").then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void negativeTokensOverGrpcAreInvalidArgument() {
        ExportMetricsServiceRequest export = UsageExports.inputTokens("claude-opus", -346, 1);

        assertThatThrownBy(() -> withToken(metrics, UUID.randomUUID().toString()).export(export))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("negative");
                });
    }

    @Test
    void malformedGrpcExportIsInvalidArgumentNotUnknown() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", otlpGrpcPort).usePlaintext().build();
        try {
            MethodDescriptor<byte[], byte[]> export = MetricsServiceGrpc.getExportMethod()
                    .toBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE).build();
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, TelemetryTokens.bearer(UUID.randomUUID().toString()));

            assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                    ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    export, CallOptions.DEFAULT, "not protobuf at all".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpcExportOverTheInboundLimitIsRefused() {
        ExportMetricsServiceRequest export = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setSchemaUrl("x".repeat(9 * 1024 * 1024)))
                .build();

        assertThatThrownBy(() -> withToken(metrics, UUID.randomUUID().toString()).export(export))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(withToken(metrics, UUID.randomUUID().toString())
                .export(UsageExports.inputTokens("claude-opus", 1, 1))).isNotNull();
    }

    @Test
    void oneSessionFillingItsShareGets429WhileOthersAreStillAccepted() {
        String greedy = UUID.randomUUID().toString();
        String modest = UUID.randomUUID().toString();
        // The hub confirms both sessions live while it is up (an export with nothing in it); that answer stands
        // while the hub is away, so the exports below meet the outbox, not the liveness check.
        post(greedy, ExportMetricsServiceRequest.getDefaultInstance()).statusCode(200);
        post(modest, ExportMetricsServiceRequest.getDefaultInstance()).statusCode(200);
        hub.stop();
        try {
            post(greedy, UsageExports.inputTokens("claude-opus", 1, 60)).statusCode(200);

            post(greedy, UsageExports.inputTokens("claude-opus-2", 1, 60))
                    .statusCode(429)
                    .contentType(PROBLEM)
                    .header("Retry-After", "5")
                    .body("detail", containsString("retry later"));
            assertThatThrownBy(() -> withToken(metrics, greedy).export(UsageExports.inputTokens("claude-opus-3", 1, 60)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(StatusProto.fromThrowable(e).getDetailsList())
                                .anySatisfy(d -> assertThat(d.is(RetryInfo.class)).isTrue());
                    });
            post(modest, UsageExports.inputTokens("claude-opus", 1, 60)).statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);
            post(modest, UsageExports.inputTokens("claude-haiku", 1, 150))
                    .statusCode(413)
                    .contentType(PROBLEM)
                    .body("detail", containsString("send smaller exports"));
        } finally {
            hub.start();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.eventsOf(greedy).size() == 60
                && hub.eventsOf(modest).size() == 60);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                post(greedy, UsageExports.inputTokens("claude-opus-2", 1, 60)).statusCode(200));
    }

    private static ExportLogsServiceRequest logRecord(String name, String prompt) {
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder()
                                .setTimeUnixNano(1_795_000_000_000_000_000L)
                                .addAttributes(KeyValue.newBuilder().setKey("event.name")
                                        .setValue(AnyValue.newBuilder().setStringValue(name)))
                                .addAttributes(KeyValue.newBuilder().setKey("prompt")
                                        .setValue(AnyValue.newBuilder().setStringValue(prompt))))))
                .build();
    }

    /** A Claude cost export in OTLP JSON whose {@code asDouble} is written as {@code literal}. */
    private static ValidatableResponse postCostAsJson(String literal) throws Exception {
        String json = JsonFormat.printer().print(UsageExports.cost("claude-opus", 1.5)).replace("1.5", literal);
        return given().header("Authorization", TelemetryTokens.bearer(UUID.randomUUID().toString()))
                .contentType(JSON)
                .body(json)
                .post("/v1/metrics")
                .then();
    }

    private static ValidatableResponse post(String session, ExportMetricsServiceRequest export) {
        return given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType(PROTOBUF)
                .body(export.toByteArray())
                .post("/v1/metrics")
                .then();
    }

    private static <S extends io.grpc.stub.AbstractStub<S>> S withToken(S stub, String session) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, TelemetryTokens.bearer(session));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
