package dev.drover.ingest.mapping;

import dev.drover.telemetry.v1.ActivityEvent;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns log records into {@code ActivityEvent}s. The name is the {@code event.name} attribute, or the body
 * when it is a string; records with neither are skipped. Identity and bookkeeping attributes are left out,
 * long names and values are shortened, and at most {@link #MAX_ATTRIBUTES} attributes are kept. A control
 * character in the name or a kept key (or one other than tab and line breaks in a kept value) refuses the export.
 */
@ApplicationScoped
public class ActivityMapper {

    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_VALUE_LENGTH = 256;

    private static final String EVENT_NAME = "event.name";
    private static final Set<String> LEFT_OUT = Set.of(EVENT_NAME, "event.timestamp", "event.sequence",
            "session.id", "user.id", "user.email", "installation.id", ResourceSessionFilter.SESSION_ATTRIBUTE);

    private final ResourceSessionFilter sessionFilter;

    public ActivityMapper(ResourceSessionFilter sessionFilter) {
        this.sessionFilter = sessionFilter;
    }

    /**
     * The activity events of the export, in data order, for the token's session.
     *
     * @throws InvalidExportException when a record's name or kept attributes hold control characters
     */
    @WithSpan
    public List<TelemetryEvent> map(String sessionId, ExportLogsServiceRequest request) {
        List<TelemetryEvent> events = new ArrayList<>();
        int index = 0;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            if (!sessionFilter.belongsTo(sessionId, resourceLogs.getResource())) {
                continue;
            }
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    toEvent(sessionId, record, "log record " + index++).ifPresent(events::add);
                }
            }
        }
        return events;
    }

    private static Optional<TelemetryEvent> toEvent(String sessionId, LogRecord record, String where) {
        TreeMap<String, String> attributes = Attributes.of(record.getAttributesList());
        String body = record.hasBody() ? Attributes.text(record.getBody()) : "";
        String name = attributes.containsKey(EVENT_NAME)
                ? attributes.get(EVENT_NAME)
                : record.getBody().hasStringValue() ? body : "";
        if (name.isBlank()) {
            return Optional.empty();
        }
        long observedAt = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        ActivityEvent.Builder activity = ActivityEvent.newBuilder()
                .setName(ExportChecks.identifier(where + " name", shorten(name)));
        attributes.entrySet().stream()
                .filter(e -> !LEFT_OUT.contains(e.getKey()))
                .limit(MAX_ATTRIBUTES)
                .forEach(e -> activity.putAttributes(
                        ExportChecks.identifier(where + " attribute key " + shorten(e.getKey()), shorten(e.getKey())),
                        ExportChecks.text(where + " attribute " + shorten(e.getKey()), shorten(e.getValue()))));
        return Optional.of(TelemetryEvent.newBuilder()
                .setEventId(EventIds.of(sessionId, "activity", name, record.getTimeUnixNano(),
                        record.getObservedTimeUnixNano(), Attributes.canonical(attributes), body))
                .setSessionId(sessionId)
                .setObservedAtUnixNanos(observedAt)
                .setActivity(activity)
                .build());
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }
}
