package dev.drover.ingest.mapping;

import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the usage metrics of an export ({@link AgentTelemetryProfiles}) into {@code UsageDelta} events:
 * one per resource, model and data point interval, adding up the token kinds and the cost reported for it.
 */
@ApplicationScoped
public class UsageMapper {

    private static final int NANOS_PER_USD_SCALE = 9;

    private final ResourceSessionFilter sessionFilter;
    private final CumulativeSeries cumulativeSeries;

    public UsageMapper(ResourceSessionFilter sessionFilter, CumulativeSeries cumulativeSeries) {
        this.sessionFilter = sessionFilter;
        this.cumulativeSeries = cumulativeSeries;
    }

    /** The usage deltas of the export, in data order, for the token's session. */
    @WithSpan
    public List<TelemetryEvent> map(String sessionId, ExportMetricsServiceRequest request) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            if (!sessionFilter.belongsTo(sessionId, resourceMetrics.getResource())) {
                continue;
            }
            Map<Interval, Usage> usages = new LinkedHashMap<>();
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    AgentTelemetryProfiles.forMetric(metric.getName())
                            .ifPresent(profile -> collect(sessionId, profile, metric, usages));
                }
            }
            usages.forEach((interval, usage) -> usage.toEvent(sessionId, interval).ifPresent(events::add));
        }
        return events;
    }

    private void collect(String sessionId, AgentTelemetryProfile profile, Metric metric, Map<Interval, Usage> usages) {
        switch (metric.getDataCase()) {
            case SUM -> {
                boolean cumulative = isCumulative(metric.getSum().getAggregationTemporality());
                for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                    BigDecimal value = point.hasAsInt()
                            ? BigDecimal.valueOf(point.getAsInt())
                            : new BigDecimal(Double.toString(point.getAsDouble()));
                    add(sessionId, profile, metric.getName(), cumulative, Attributes.of(point.getAttributesList()),
                            point.getStartTimeUnixNano(), point.getTimeUnixNano(), value, usages);
                }
            }
            case HISTOGRAM -> {
                boolean cumulative = isCumulative(metric.getHistogram().getAggregationTemporality());
                for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                    if (point.hasSum()) {
                        add(sessionId, profile, metric.getName(), cumulative, Attributes.of(point.getAttributesList()),
                                point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                                new BigDecimal(Double.toString(point.getSum())), usages);
                    }
                }
            }
            default -> {
                // gauges and other shapes carry no countable usage
            }
        }
    }

    private static boolean isCumulative(AggregationTemporality temporality) {
        return temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    }

    private void add(String sessionId, AgentTelemetryProfile profile, String metricName, boolean cumulative,
                     TreeMap<String, String> attributes, long startNanos, long timeNanos, BigDecimal value,
                     Map<Interval, Usage> usages) {
        boolean cost = profile.costMetric().filter(metricName::equals).isPresent();
        String type = attributes.get(profile.typeAttribute());
        TokenKind kind = cost || type == null ? null : profile.tokenKinds().get(type);
        if (!cost && kind == null) {
            return;
        }
        Optional<BigDecimal> amount = cumulative
                ? cumulativeSeries.delta(EventIds.of(sessionId, metricName, Attributes.canonical(attributes)),
                        startNanos, timeNanos, value)
                : Optional.of(value);
        if (amount.isEmpty()) {
            return;
        }
        String model = attributes.getOrDefault(profile.modelAttribute(), "");
        Usage usage = usages.computeIfAbsent(new Interval(model, startNanos, timeNanos), i -> new Usage(profile.tokenMetric()));
        if (cost) {
            usage.costUsd = usage.costUsd.add(amount.get());
        } else {
            usage.tokens.merge(kind, amount.get(), BigDecimal::add);
        }
        usage.sources.add(metricName + "\u0001" + Attributes.canonical(attributes) + "\u0001" + amount.get().toPlainString());
    }

    private record Interval(String model, long startNanos, long timeNanos) {
    }

    private static final class Usage {
        private final String source;
        private final Map<TokenKind, BigDecimal> tokens = new EnumMap<>(TokenKind.class);
        private final List<String> sources = new ArrayList<>();
        private BigDecimal costUsd = BigDecimal.ZERO;

        private Usage(String source) {
            this.source = source;
        }

        private Optional<TelemetryEvent> toEvent(String sessionId, Interval interval) {
            UsageDelta delta = UsageDelta.newBuilder()
                    .setModel(interval.model())
                    .setInputTokens(tokens(TokenKind.INPUT))
                    .setOutputTokens(tokens(TokenKind.OUTPUT))
                    .setCacheReadTokens(tokens(TokenKind.CACHE_READ))
                    .setCacheCreationTokens(tokens(TokenKind.CACHE_CREATION))
                    .setCostNanoUsd(costUsd.movePointRight(NANOS_PER_USD_SCALE)
                            .setScale(0, RoundingMode.HALF_EVEN)
                            .longValueExact())
                    .setSource(source)
                    .build();
            if (delta.equals(UsageDelta.newBuilder().setModel(interval.model()).setSource(source).build())) {
                return Optional.empty();
            }
            List<String> sortedSources = sources.stream().sorted().toList();
            return Optional.of(TelemetryEvent.newBuilder()
                    .setEventId(EventIds.of(sessionId, "usage", interval.model(), interval.startNanos(),
                            interval.timeNanos(), String.join("\u0002", sortedSources)))
                    .setSessionId(sessionId)
                    .setObservedAtUnixNanos(interval.timeNanos())
                    .setUsage(delta)
                    .build());
        }

        private long tokens(TokenKind kind) {
            return tokens.getOrDefault(kind, BigDecimal.ZERO)
                    .setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
        }
    }
}
