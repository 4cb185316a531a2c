package dev.drover.ingest.otlp;

import com.google.protobuf.Message;
import dev.drover.ingest.auth.ExportingSession;
import dev.drover.ingest.mapping.ActivityMapper;
import dev.drover.ingest.mapping.CumulativeSeries;
import dev.drover.ingest.mapping.ResourceSessionFilter;
import dev.drover.ingest.mapping.InvalidExportException;
import dev.drover.ingest.mapping.UsageEventMapper;
import dev.drover.ingest.mapping.UsageMapper;
import dev.drover.ingest.mapping.UsageProfiles;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.HostileMessages;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The ingest's OTLP decoding and mapping against arbitrary exports: any body, protobuf or JSON,
 * decodes or is refused with {@link UndecodableExportException} (answered 400 / INVALID_ARGUMENT),
 * never another exception, quickly however deep; and any well-formed export of the agents' metric
 * and event names, with any attributes, maps to events without an exception.
 */
class OtlpDecodingProperties {

    private static final UsageProfiles SHIPPED_USAGE = new UsageProfiles(new ProfileLoader().loadShipped());
    /** A token naming no profile: every shipped profile's names are read. */
    private static final ExportingSession SESSION = new ExportingSession("session-1", Optional.empty());

    private static final List<Supplier<Message.Builder>> REQUESTS = List.of(
            ExportMetricsServiceRequest::newBuilder, ExportLogsServiceRequest::newBuilder, ExportTraceServiceRequest::newBuilder);

    @Property(tries = 1500)
    void anyBytesDecodeAsProtobufOrAreRefused(@ForAll("bodies") byte[] body, @ForAll("requests") int request) {
        assertDecodesOrIsRefused(OtlpEncoding.PROTOBUF, body, request);
    }

    @Property(tries = 1500)
    void anyTextDecodesAsJsonOrIsRefused(@ForAll("otlpJson") String body, @ForAll("requests") int request) {
        assertDecodesOrIsRefused(OtlpEncoding.JSON, body.getBytes(StandardCharsets.UTF_8), request);
    }

    @Example
    void deeplyNestedJsonIsRefusedQuickly() {
        String deep = "{\"resourceMetrics\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        long started = System.nanoTime();

        assertThatThrownBy(() -> OtlpEncoding.JSON.decode(deep.getBytes(StandardCharsets.UTF_8),
                ExportMetricsServiceRequest.newBuilder())).isInstanceOf(UndecodableExportException.class);
        assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(10_000_000_000L);
    }

    @Example
    void deeplyNestedProtobufIsRefusedQuickly() {
        byte[] nested = new byte[0];
        for (int i = 0; i < 10_000; i++) {
            byte[] outer = new byte[nested.length + 4];
            outer[0] = 0x0a;
            int length = nested.length;
            int at = 1;
            while (length >= 0x80) {
                outer[at++] = (byte) ((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            outer[at++] = (byte) length;
            System.arraycopy(nested, 0, outer, at, nested.length);
            nested = java.util.Arrays.copyOf(outer, at + nested.length);
        }
        byte[] body = nested;

        assertThat(catchThrowable(() -> OtlpEncoding.PROTOBUF.decode(body, ExportLogsServiceRequest.newBuilder())))
                .satisfiesAnyOf(
                        none -> assertThat(none).isNull(),
                        refused -> assertThat(refused).isInstanceOf(UndecodableExportException.class));
    }

    /** Values the ingest refuses by design (a cost over its bound, a control character in a name) are refused as invalid. */
    @Property(tries = 500)
    void anyExportOfTheAgentsMetricsMapsOrIsRefusedAsInvalid(@ForAll("metricExports") ExportMetricsServiceRequest export) {
        UsageMapper usage = new UsageMapper(new ResourceSessionFilter(), new CumulativeSeries(), SHIPPED_USAGE);

        assertMapsOrIsRefusedAsInvalid(() -> assertThat(usage.map(SESSION, export)).allSatisfy(event -> {
            assertThat(event.getSessionId()).isEqualTo("session-1");
            assertThat(event.getUsage().getInputTokens()).isNotNegative();
        }));
    }

    /** Found by the property above: the type lookup threw a NullPointerException (HTTP 500) for such a point. */
    @Example
    void tokenUsageWithoutATypeAttributeIsSkippedNotAnError() {
        ExportMetricsServiceRequest export = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder())
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
                                .setName("claude_code.token.usage")
                                .setSum(Sum.newBuilder()
                                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                                        .addDataPoints(NumberDataPoint.newBuilder().setAsInt(5))))))
                .build();

        assertThat(new UsageMapper(new ResourceSessionFilter(), new CumulativeSeries(), SHIPPED_USAGE).map(SESSION, export)).isEmpty();
    }

    @Property(tries = 500)
    void anyExportOfTheAgentsEventsMapsOrIsRefusedAsInvalid(@ForAll("logExports") ExportLogsServiceRequest export) {
        ActivityMapper activity = new ActivityMapper();
        List<LogRecord> records = new ResourceSessionFilter().logRecords("session-1", export);

        assertMapsOrIsRefusedAsInvalid(() -> {
            for (int i = 0; i < records.size(); i++) {
                activity.map("session-1", records.get(i), i)
                        .ifPresent(event -> assertThat(event.getSessionId()).isEqualTo("session-1"));
            }
        });
    }

    @Property(tries = 500)
    void anyExportOfTheAgentsUsageEventsMapsOrIsRefusedAsInvalid(@ForAll("logExports") ExportLogsServiceRequest export) {
        UsageEventMapper usage = new UsageEventMapper(SHIPPED_USAGE);
        List<LogRecord> records = new ResourceSessionFilter().logRecords("session-1", export);

        assertMapsOrIsRefusedAsInvalid(() -> {
            for (int i = 0; i < records.size(); i++) {
                usage.map(SESSION, records.get(i), i).ifPresent(event -> {
                    assertThat(event.getSessionId()).isEqualTo("session-1");
                    assertThat(event.getUsage().getInputTokens()).isNotNegative();
                });
            }
        });
    }

    /** Mapping either gives events that pass the checks in {@code mapping} or refuses the export as invalid: nothing else. */
    private static void assertMapsOrIsRefusedAsInvalid(ThrowingCallable mapping) {
        assertThat(catchThrowable(mapping)).satisfiesAnyOf(
                none -> assertThat(none).isNull(),
                refused -> assertThat(refused).isExactlyInstanceOf(InvalidExportException.class));
    }

    private static void assertDecodesOrIsRefused(OtlpEncoding encoding, byte[] body, int request) {
        Throwable failure = catchThrowable(() -> encoding.decode(body, REQUESTS.get(request).get()));
        assertThat(failure).satisfiesAnyOf(
                none -> assertThat(none).isNull(),
                refused -> assertThat(refused).isExactlyInstanceOf(UndecodableExportException.class));
    }

    @Provide
    Arbitrary<Integer> requests() {
        return Arbitraries.integers().between(0, REQUESTS.size() - 1);
    }

    /** Random bytes, and real exports with bytes flipped, cut or appended. */
    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> damaged = Combinators.combine(metricExports(), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.bytes())
                .as((export, at, value) -> {
                    byte[] bytes = export.toByteArray();
                    if (bytes.length == 0) {
                        return new byte[] {value};
                    }
                    int index = at % bytes.length;
                    return switch (at % 3) {
                        case 0 -> replaced(bytes, index, value);
                        case 1 -> java.util.Arrays.copyOf(bytes, index);
                        default -> appended(bytes, value);
                    };
                });
        return Arbitraries.oneOf(random, damaged);
    }

    /** JSON shaped like OTLP (its field names, hex ids, numbers as strings), whole or damaged, and random text. */
    @Provide
    Arbitrary<String> otlpJson() {
        Arbitrary<String> names = Arbitraries.of("resourceMetrics", "resourceLogs", "resourceSpans", "resource",
                "attributes", "scopeMetrics", "scopeLogs", "scopeSpans", "metrics", "name", "sum", "gauge", "histogram",
                "dataPoints", "asInt", "asDouble", "startTimeUnixNano", "timeUnixNano", "aggregationTemporality",
                "isMonotonic", "key", "value", "stringValue", "intValue", "doubleValue", "boolValue", "arrayValue",
                "kvlistValue", "values", "logRecords", "body", "traceId", "spanId", "parentSpanId", "spans", "count");
        Arbitrary<String> values = Arbitraries.oneOf(HostileMessages.jsonValues(2),
                Arbitraries.of("\"0123456789abcdef0123456789abcdef\"", "\"abc\"", "\"zz\"", "\"NaN\"", "\"Infinity\"",
                        "\"-1\"", "\"18446744073709551616\"", "\"claude_code.token.usage\"", "\"input\"", "\"claude-x\""));
        Arbitrary<String> objects = Combinators.combine(names, values)
                .as((name, value) -> HostileMessages.quote(name) + ":" + value)
                .list().ofMaxSize(5)
                .map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> nested = Combinators.combine(names, objects.list().ofMaxSize(3), names, objects)
                .as((outer, list, inner, object) -> "{" + HostileMessages.quote(outer) + ":[" + String.join(",", list) + "],"
                        + HostileMessages.quote(inner) + ":" + object + "}");
        return Arbitraries.oneOf(HostileMessages.strings(60), objects, nested, nested.flatMap(HostileMessages::mutated));
    }

    /** Exports of the agents' usage metrics with any attributes, temporality and finite values. */
    @Provide
    Arbitrary<ExportMetricsServiceRequest> metricExports() {
        Arbitrary<String> metricNames = Arbitraries.of("claude_code.token.usage", "claude_code.cost.usage",
                "gemini_cli.token.usage", "codex.token.usage", "other.metric", "");
        Arbitrary<KeyValue> attributes = Combinators.combine(
                        Arbitraries.of("type", "model", "drover.session.id", "session.id", HostileMessages.strings(5).sample()),
                        Arbitraries.oneOf(Arbitraries.of("input", "output", "cacheRead", "cacheCreation", "session-1",
                                "claude-x"), HostileMessages.strings(10)))
                .as((key, value) -> KeyValue.newBuilder().setKey(key)
                        .setValue(AnyValue.newBuilder().setStringValue(value)).build());
        Arbitrary<NumberDataPoint> points = Combinators.combine(attributes.list().ofMaxSize(4),
                        Arbitraries.longs().between(0, 1_000_000_000_000L), Arbitraries.longs().between(0, 1_000_000_000_000L),
                        Arbitraries.longs().between(0, 10_000_000L), Arbitraries.doubles().between(0, 1_000_000),
                        Arbitraries.of(true, false))
                .as((pointAttributes, start, time, asInt, asDouble, integer) -> {
                    NumberDataPoint.Builder point = NumberDataPoint.newBuilder().addAllAttributes(pointAttributes)
                            .setStartTimeUnixNano(start).setTimeUnixNano(time);
                    return (integer ? point.setAsInt(asInt) : point.setAsDouble(asDouble)).build();
                });
        Arbitrary<Metric> metrics = Combinators.combine(metricNames, points.list().ofMaxSize(4),
                        Arbitraries.of(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                                AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED))
                .as((name, dataPoints, temporality) -> Metric.newBuilder().setName(name)
                        .setSum(Sum.newBuilder().addAllDataPoints(dataPoints).setAggregationTemporality(temporality)).build());
        Arbitrary<ResourceMetrics> resources = Combinators.combine(attributes.list().ofMaxSize(3), metrics.list().ofMaxSize(4))
                .as((resourceAttributes, resourceMetrics) -> ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAllAttributes(resourceAttributes))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(resourceMetrics)).build());
        return resources.list().ofMaxSize(3)
                .map(list -> ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(list).build());
    }

    /** Exports of log records (the agents' events) with any names, attributes and bodies. */
    @Provide
    Arbitrary<ExportLogsServiceRequest> logExports() {
        Arbitrary<KeyValue> attributes = Combinators.combine(
                        Arbitraries.of("event.name", "name", "tool_name", "decision", "model", "drover.session.id",
                                "duration_ms", "success", "input_token_count", "cached_content_token_count"),
                        Arbitraries.oneOf(Arbitraries.of("claude_code.api_request", "claude_code.tool_result",
                                "claude_code.user_prompt", "gemini_cli.tool_call", "gemini_cli.api_response",
                                "codex.tool_decision", "session-1", "true", "-1", "1e309", "1111", "444"),
                                HostileMessages.strings(10)))
                .as((key, value) -> KeyValue.newBuilder().setKey(key)
                        .setValue(AnyValue.newBuilder().setStringValue(value)).build());
        Arbitrary<LogRecord> records = Combinators.combine(attributes.list().ofMaxSize(5), HostileMessages.strings(20),
                        Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((recordAttributes, body, time) -> LogRecord.newBuilder().addAllAttributes(recordAttributes)
                        .setBody(AnyValue.newBuilder().setStringValue(body)).setTimeUnixNano(time).build());
        Arbitrary<ResourceLogs> resources = Combinators.combine(attributes.list().ofMaxSize(2), records.list().ofMaxSize(4))
                .as((resourceAttributes, logRecords) -> ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAllAttributes(resourceAttributes))
                        .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(logRecords)).build());
        return resources.list().ofMaxSize(3).map(list -> ExportLogsServiceRequest.newBuilder().addAllResourceLogs(list).build());
    }

    private static byte[] replaced(byte[] bytes, int index, byte value) {
        byte[] copy = bytes.clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] appended(byte[] bytes, byte value) {
        byte[] copy = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        copy[bytes.length] = value;
        return copy;
    }
}
