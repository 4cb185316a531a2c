package dev.drover.ingest.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;

/** Claude Code usage exports built in the test: delta sums of {@code claude_code.token.usage} or {@code .cost.usage}. */
final class UsageExports {

    private static final long START = 1_795_000_000_000_000_000L;

    private UsageExports() {
    }

    /** {@code points} input-token data points of {@code tokens} each, one per second, for {@code model}. */
    static ExportMetricsServiceRequest inputTokens(String model, long tokens, int points) {
        Sum.Builder sum = deltaSum();
        for (int i = 0; i < points; i++) {
            sum.addDataPoints(point(model, i).setAsInt(tokens).addAttributes(string("type", "input")));
        }
        return export(Metric.newBuilder().setName("claude_code.token.usage").setUnit("tokens").setSum(sum));
    }

    /** One cost data point of {@code usd}. */
    static ExportMetricsServiceRequest cost(String model, double usd) {
        return export(Metric.newBuilder().setName("claude_code.cost.usage").setUnit("USD")
                .setSum(deltaSum().addDataPoints(point(model, 0).setAsDouble(usd))));
    }

    private static Sum.Builder deltaSum() {
        return Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    }

    private static NumberDataPoint.Builder point(String model, int second) {
        return NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(START + second * 1_000_000_000L)
                .setTimeUnixNano(START + (second + 1) * 1_000_000_000L)
                .addAttributes(string("model", model));
    }

    private static ExportMetricsServiceRequest export(Metric.Builder metric) {
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
                .build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
