package dev.drover.ingest.mapping;

import dev.drover.telemetry.v1.ActivityEvent;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.opentelemetry.proto.logs.v1.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
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

    /**
     * The activity event of the session's log record at {@code index} of its export, unless it has no name.
     *
     * @throws InvalidExportException when the record's name or kept attributes hold control characters
     */
    public Optional<TelemetryEvent> map(String sessionId, LogRecord record, int index) {
        String where = "log record " + index;
        TreeMap<String, String> attributes = Attributes.of(record.getAttributesList());
        String body = record.hasBody() ? Attributes.text(record.getBody()) : "";
        String name = name(record, attributes);
        if (name.isBlank()) {
            return Optional.empty();
        }
        long observedAt = observedAt(record);
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

    /**
     * A record's name: its {@code event.name} attribute, else its {@code event_name} field (OTLP 1.5; Codex fills it
     * with a source location, so the attribute comes first), else its body when that is a string; blank when none.
     */
    static String name(LogRecord record, Map<String, String> attributes) {
        if (attributes.containsKey(EVENT_NAME)) {
            return attributes.get(EVENT_NAME);
        }
        if (!record.getEventName().isEmpty()) {
            return record.getEventName();
        }
        return record.getBody().hasStringValue() ? record.getBody().getStringValue() : "";
    }

    /** When a record was made: its time, else (Codex sends none) when the CLI's SDK observed it. */
    static long observedAt(LogRecord record) {
        return record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }
}
