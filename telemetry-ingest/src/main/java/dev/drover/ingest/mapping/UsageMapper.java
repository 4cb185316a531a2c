package dev.drover.ingest.mapping;

import dev.drover.ingest.auth.ExportingSession;
import dev.drover.ingest.mapping.UsageProfiles.Counted;
import dev.drover.profiles.Temporality;
import dev.drover.profiles.TokenField;
import dev.drover.telemetry.v1.TelemetryEvent;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the usage metrics of an export (as the agents' profiles declare them, {@link UsageProfiles}) into
 * {@code UsageDelta} events: one per resource, model and data point interval, adding up the token kinds and the
 * cost reported for it. Whether a series is delta or cumulative is read from each metric's aggregation temporality;
 * the profile's {@code temporality} counts only where the export leaves it unspecified.
 */
@ApplicationScoped
public class UsageMapper {

    private final ResourceSessionFilter sessionFilter;
    private final CumulativeSeries cumulativeSeries;
    private final UsageProfiles usageProfiles;

    public UsageMapper(ResourceSessionFilter sessionFilter, CumulativeSeries cumulativeSeries, UsageProfiles usageProfiles) {
        this.sessionFilter = sessionFilter;
        this.cumulativeSeries = cumulativeSeries;
        this.usageProfiles = usageProfiles;
    }

    /**
     * The usage deltas of the export, in data order, for the token's session, read with its profile's mapping. The whole export is checked before
     * anything is remembered of its cumulative series, so a refused export leaves no trace.
     *
     * @throws InvalidExportException when a usage data point has a value or model the ingest refuses
     */
    @WithSpan
    public List<TelemetryEvent> map(ExportingSession session, ExportMetricsServiceRequest request) {
        String sessionId = session.id();
        List<List<Point>> resources = new ArrayList<>();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            if (!sessionFilter.belongsTo(sessionId, resourceMetrics.getResource())) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    usageProfiles.forMetric(session.profile(), metric.getName())
                            .ifPresent(counted -> collect(counted, metric, points));
                }
            }
            resources.add(points);
        }
        List<TelemetryEvent> events = new ArrayList<>();
        for (List<Point> points : resources) {
            Map<Interval, Usage> usages = new LinkedHashMap<>();
            points.forEach(point -> add(sessionId, point, usages));
            usages.forEach((interval, usage) -> usage.toEvent(sessionId, interval).ifPresent(events::add));
        }
        return events;
    }

    /** A checked usage data point: what it adds to ({@code kind} null for cost) and its raw value. */
    private record Point(Counted counted, String metricName, boolean cumulative, TokenField kind,
                         TreeMap<String, String> attributes, String model, long startNanos, long timeNanos,
                         BigDecimal value) {
    }

    private void collect(Counted counted, Metric metric, List<Point> points) {
        switch (metric.getDataCase()) {
            case SUM -> {
                boolean cumulative = isCumulative(metric.getSum().getAggregationTemporality(), counted);
                List<NumberDataPoint> dataPoints = metric.getSum().getDataPointsList();
                for (int i = 0; i < dataPoints.size(); i++) {
                    NumberDataPoint point = dataPoints.get(i);
                    String where = "metric " + metric.getName() + " data point " + i;
                    BigDecimal value = point.hasAsInt()
                            ? BigDecimal.valueOf(point.getAsInt())
                            : ExportChecks.finite(where + " asDouble", point.getAsDouble());
                    check(counted, metric.getName(), cumulative, Attributes.of(point.getAttributesList()),
                            point.getStartTimeUnixNano(), point.getTimeUnixNano(), where, value)
                            .ifPresent(points::add);
                }
            }
            case HISTOGRAM -> {
                boolean cumulative = isCumulative(metric.getHistogram().getAggregationTemporality(), counted);
                List<HistogramDataPoint> dataPoints = metric.getHistogram().getDataPointsList();
                for (int i = 0; i < dataPoints.size(); i++) {
                    HistogramDataPoint point = dataPoints.get(i);
                    String where = "metric " + metric.getName() + " data point " + i;
                    if (point.hasSum()) {
                        check(counted, metric.getName(), cumulative, Attributes.of(point.getAttributesList()),
                                point.getStartTimeUnixNano(), point.getTimeUnixNano(), where,
                                ExportChecks.finite(where + " sum", point.getSum()))
                                .ifPresent(points::add);
                    }
                }
            }
            default -> {
                // gauges and other shapes carry no countable usage
            }
        }
    }

    private static boolean isCumulative(AggregationTemporality temporality, Counted counted) {
        return switch (temporality) {
            case AGGREGATION_TEMPORALITY_CUMULATIVE -> true;
            case AGGREGATION_TEMPORALITY_DELTA -> false;
            case AGGREGATION_TEMPORALITY_UNSPECIFIED, UNRECOGNIZED ->
                    counted.usage().metric().temporality() == Temporality.CUMULATIVE;
        };
    }

    /** The point when it counts (its kind of tokens is mapped, or it is cost), after checking its value and model. */
    private static Optional<Point> check(Counted counted, String metricName, boolean cumulative,
                                         TreeMap<String, String> attributes, long startNanos, long timeNanos,
                                         String where, BigDecimal value) {
        boolean cost = counted.cost();
        String type = attributes.get(counted.usage().metric().typeAttribute());
        TokenField kind = cost || type == null ? null : counted.usage().metric().types().get(type);
        if (!cost && kind == null) {
            return Optional.empty();
        }
        ExportChecks.amount(where + (cost ? " (USD)" : " (tokens)"), value,
                cost ? ExportChecks.MAX_USD_PER_DATA_POINT : ExportChecks.MAX_TOKENS_PER_DATA_POINT);
        String model = ExportChecks.model(where, counted.usage(), attributes);
        return Optional.of(new Point(counted, metricName, cumulative, kind, attributes, model, startNanos, timeNanos,
                value));
    }

    private void add(String sessionId, Point point, Map<Interval, Usage> usages) {
        Optional<BigDecimal> amount = point.cumulative()
                ? cumulativeSeries.delta(EventIds.of(sessionId, point.metricName(), Attributes.canonical(point.attributes())),
                        point.startNanos(), point.timeNanos(), point.value())
                : Optional.of(point.value());
        if (amount.isEmpty()) {
            return;
        }
        Usage usage = usages.computeIfAbsent(new Interval(point.model(), point.startNanos(), point.timeNanos()),
                i -> new Usage(point.counted()));
        if (point.kind() == null) {
            usage.figures.addCost(amount.get());
        } else {
            usage.figures.addTokens(point.kind(), amount.get());
        }
        usage.sources.add(point.metricName() + "\u0001" + Attributes.canonical(point.attributes()) + "\u0001"
                + amount.get().toPlainString());
    }

    private record Interval(String model, long startNanos, long timeNanos) {
    }

    private static final class Usage {
        private final Counted counted;
        private final UsageFigures figures = new UsageFigures();
        private final List<String> sources = new ArrayList<>();

        private Usage(Counted counted) {
            this.counted = counted;
        }

        private Optional<TelemetryEvent> toEvent(String sessionId, Interval interval) {
            List<String> sortedSources = sources.stream().sorted().toList();
            return figures.toDelta(interval.model(), counted.usage().metric().name(), counted)
                    .map(delta -> TelemetryEvent.newBuilder()
                            .setEventId(EventIds.of(sessionId, "usage", interval.model(), interval.startNanos(),
                                    interval.timeNanos(), String.join("\u0002", sortedSources)))
                            .setSessionId(sessionId)
                            .setObservedAtUnixNanos(interval.timeNanos())
                            .setUsage(delta)
                            .build());
        }
    }
}
