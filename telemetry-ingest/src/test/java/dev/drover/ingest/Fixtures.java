package dev.drover.ingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The OTLP payloads recorded from the real CLIs (copied from the shared fixtures into test resources). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The bytes of {@code otlp/<name>}. */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("otlp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of {@code otlp/<name>}. */
    public static JsonObject json(String name) {
        return JsonParser.parseString(new String(bytes(name), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The file names in {@code otlp/<folder>} whose names contain {@code kind} ("metrics", "logs", "traces"), sorted. */
    public static List<String> in(String folder, String kind) {
        URL url = Fixtures.class.getClassLoader().getResource("otlp/" + folder);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(kind))
                    .sorted()
                    .map(n -> folder + "/" + n)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every data point (sum or histogram) of the metric with that name in an OTLP JSON metrics export. */
    public static List<JsonObject> dataPoints(JsonObject export, String metricName) {
        List<JsonObject> points = new ArrayList<>();
        forEachMetric(export, metric -> {
            if (metric.get("name").getAsString().equals(metricName)) {
                for (String shape : List.of("sum", "histogram", "gauge")) {
                    if (metric.has(shape)) {
                        metric.getAsJsonObject(shape).getAsJsonArray("dataPoints")
                                .forEach(p -> points.add(p.getAsJsonObject()));
                    }
                }
            }
        });
        return points;
    }

    /** How many log records of an OTLP JSON logs export have this {@code event.name}. */
    public static long logRecords(JsonObject export, String eventName) {
        return export.getAsJsonArray("resourceLogs").asList().stream()
                .flatMap(rl -> rl.getAsJsonObject().getAsJsonArray("scopeLogs").asList().stream())
                .flatMap(sl -> sl.getAsJsonObject().getAsJsonArray("logRecords").asList().stream())
                .filter(r -> eventName.equals(attribute(r.getAsJsonObject(), "event.name")))
                .count();
    }

    /** The string value of a data point's or record's attribute, or null. */
    public static String attribute(JsonObject point, String key) {
        if (!point.has("attributes")) {
            return null;
        }
        for (JsonElement attribute : point.getAsJsonArray("attributes")) {
            JsonObject value = attribute.getAsJsonObject().getAsJsonObject("value");
            if (attribute.getAsJsonObject().get("key").getAsString().equals(key) && value.has("stringValue")) {
                return value.get("stringValue").getAsString();
            }
        }
        return null;
    }

    /** How many API requests Claude Code logged in a protobuf logs export ({@code event.name} = api_request). */
    public static long claudeApiRequests(String protobufLogs) {
        try {
            return ExportLogsServiceRequest.parseFrom(bytes(protobufLogs)).getResourceLogsList().stream()
                    .flatMap(rl -> rl.getScopeLogsList().stream())
                    .flatMap(sl -> sl.getLogRecordsList().stream())
                    .filter(r -> r.getAttributesList().stream().anyMatch(a -> a.getKey().equals("event.name")
                            && a.getValue().getStringValue().equals("api_request")))
                    .count();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void forEachMetric(JsonObject export, Consumer<JsonObject> action) {
        export.getAsJsonArray("resourceMetrics").forEach(rm -> rm.getAsJsonObject().getAsJsonArray("scopeMetrics")
                .forEach(sm -> sm.getAsJsonObject().getAsJsonArray("metrics")
                        .forEach(m -> action.accept(m.getAsJsonObject()))));
    }
}
