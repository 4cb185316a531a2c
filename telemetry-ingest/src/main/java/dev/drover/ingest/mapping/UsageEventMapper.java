package dev.drover.ingest.mapping;

import dev.drover.ingest.auth.ExportingSession;
import dev.drover.ingest.mapping.UsageProfiles.Counted;
import dev.drover.profiles.AgentProfile.UsageEvent;
import dev.drover.profiles.TokenField;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.opentelemetry.proto.logs.v1.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the usage events of an export (a log event per model request whose attributes carry its token counts, as
 * the agents' profiles declare them in {@code telemetry.usage.event}) into {@code UsageDelta} events, one per
 * record. Some CLIs send their logs within a second and their metrics only every ten or sixty.
 */
@ApplicationScoped
public class UsageEventMapper {

    private final UsageProfiles usageProfiles;

    public UsageEventMapper(UsageProfiles usageProfiles) {
        this.usageProfiles = usageProfiles;
    }

    /**
     * The usage delta of the session's log record at {@code index} of its export, when it is a usage event of the
     * session's profile.
     *
     * @throws InvalidExportException when the usage event has a count, cost or model the ingest refuses
     */
    public Optional<TelemetryEvent> map(ExportingSession session, LogRecord record, int index) {
        String sessionId = session.id();
        String where = "log record " + index;
        TreeMap<String, String> attributes = Attributes.of(record.getAttributesList());
        String name = ActivityMapper.name(record, attributes);
        Optional<Counted> counted = usageProfiles.forEvent(session.profile(), name);
        if (counted.isEmpty() || !matches(counted.get().usage().event(), attributes)) {
            return Optional.empty();
        }
        UsageEvent event = counted.get().usage().event();
        UsageFigures figures = new UsageFigures();
        boolean counts = false;
        for (Map.Entry<String, TokenField> token : event.tokens().entrySet()) {
            String value = attributes.get(token.getKey());
            if (value != null) {
                figures.addTokens(token.getValue(), amount(where + " attribute " + token.getKey() + " (tokens)", value,
                        ExportChecks.MAX_TOKENS_PER_DATA_POINT));
                counts = true;
            }
        }
        String cost = event.costAttribute() == null ? null : attributes.get(event.costAttribute());
        if (cost != null) {
            figures.addCost(amount(where + " attribute " + event.costAttribute() + " (USD)", cost,
                    ExportChecks.MAX_USD_PER_DATA_POINT));
            counts = true;
        }
        if (!counts) {
            return Optional.empty();
        }
        String model = ExportChecks.model(where, counted.get().usage(), attributes);
        long observedAt = ActivityMapper.observedAt(record);
        return figures.toDelta(model, name, counted.get())
                .map(delta -> TelemetryEvent.newBuilder()
                        .setEventId(EventIds.of(sessionId, "usage-event", name, record.getTimeUnixNano(),
                                record.getObservedTimeUnixNano(), Attributes.canonical(attributes)))
                        .setSessionId(sessionId)
                        .setObservedAtUnixNanos(observedAt)
                        .setUsage(delta)
                        .build());
    }

    private static boolean matches(UsageEvent event, Map<String, String> attributes) {
        return event.where().entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
    }

    private static BigDecimal amount(String field, String text, BigDecimal max) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidExportException(field + " is not a number");
        }
        return ExportChecks.amount(field, value, max);
    }
}
