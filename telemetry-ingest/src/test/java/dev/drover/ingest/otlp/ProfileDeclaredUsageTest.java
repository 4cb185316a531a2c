package dev.drover.ingest.otlp;

import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.ingest.forwarding.TestHub;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent Drover has no code for ({@code src/test/resources/profiles/acme.yaml}: its own metric and attribute names,
 * cumulative sums) has its usage counted from its profile alone.
 */
@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class ProfileDeclaredUsageTest {

    private static final long START = 1_795_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Inject
    TestHub hub;

    @Test
    void cumulativeSumsOfAnAgentKnownOnlyByItsProfileAreCountedOnce() {
        String session = UUID.randomUUID().toString();
        Map<String, Long> first = Map.of("prompt", 1000L, "completion", 200L, "reasoning", 50L, "cache_hit", 4000L,
                "total", 5250L);
        Map<String, Long> later = Map.of("prompt", 2500L, "completion", 300L, "reasoning", 80L, "cache_hit", 9000L,
                "total", 11_880L);

        post(session, export(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, 10, first));
        post(session, export(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, 20, later));
        post(session, export(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, 20, later));

        awaitTotals(session, new TelemetryTotals(2500, 380, 9000, 0, 0));
        assertThat(hub.eventsOf(session)).hasSize(2).allSatisfy(e -> {
            assertThat(e.getUsage().getModel()).isEqualTo("acme-large-2");
            assertThat(e.getUsage().getSource()).isEqualTo("acme.llm.tokens");
        });
    }

    @Test
    void anExportThatLeavesTemporalityUnspecifiedIsReadAsTheProfileSays() {
        String session = UUID.randomUUID().toString();

        post(session, export(AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED, 10, Map.of("prompt", 100L)));
        post(session, export(AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED, 20, Map.of("prompt", 300L)));

        awaitTotals(session, new TelemetryTotals(300, 0, 0, 0, 0));
    }

    private static ExportMetricsServiceRequest export(AggregationTemporality temporality, int atSecond,
            Map<String, Long> tokens) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(temporality);
        tokens.forEach((kind, value) -> sum.addDataPoints(NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + atSecond * SECOND)
                .setAsInt(value)
                .addAttributes(string("acme.token.kind", kind))
                .addAttributes(string("acme.model", "acme-large-2"))));
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("acme.llm.tokens").setUnit("tokens").setSum(sum))))
                .build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static void post(String session, ExportMetricsServiceRequest export) {
        given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType("application/x-protobuf")
                .body(export.toByteArray())
                .post("/v1/metrics")
                .then().statusCode(200);
    }

    private void awaitTotals(String session, TelemetryTotals expected) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(TelemetryTotals.of(hub.eventsOf(session))).isEqualTo(expected));
    }
}
