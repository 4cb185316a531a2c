package dev.drover.ingest.otlp;

import dev.drover.ingest.auth.ExportingSession;
import dev.drover.ingest.auth.InvalidTelemetryTokenException;
import dev.drover.ingest.auth.LiveSessions;
import dev.drover.ingest.auth.TelemetryTokenVerifier;
import dev.drover.ingest.forwarding.Outbox;
import dev.drover.ingest.mapping.ActivityMapper;
import dev.drover.ingest.mapping.ResourceSessionFilter;
import dev.drover.ingest.mapping.UsageEventMapper;
import dev.drover.ingest.mapping.UsageMapper;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Accepts OTLP exports (HTTP or gRPC): checks the telemetry token, maps the export to events and puts them in
 * the outbox. Traces are checked and decoded by the receivers but not forwarded: the event stream has no span
 * type. Returning normally means the events are in the outbox and will reach the hub.
 * Blocking (the token check may fetch the hub's keys): call it on a worker thread.
 */
@ApplicationScoped
public class OtlpExportService {

    private final TelemetryTokenVerifier tokens;
    private final LiveSessions liveSessions;
    private final UsageMapper usage;
    private final ActivityMapper activity;
    private final UsageEventMapper usageEvents;
    private final ResourceSessionFilter sessionFilter;
    private final Outbox outbox;

    public OtlpExportService(TelemetryTokenVerifier tokens, LiveSessions liveSessions, UsageMapper usage,
            ActivityMapper activity, UsageEventMapper usageEvents, ResourceSessionFilter sessionFilter, Outbox outbox) {
        this.tokens = tokens;
        this.liveSessions = liveSessions;
        this.sessionFilter = sessionFilter;
        this.usage = usage;
        this.activity = activity;
        this.usageEvents = usageEvents;
        this.outbox = outbox;
    }

    /**
     * The session the export's telemetry token was issued for, which must still be live: a token dies with its session.
     *
     * @throws InvalidTelemetryTokenException                  when the token is missing or invalid, or its session ended
     * @throws dev.drover.ingest.auth.HubUnavailableException when the hub is needed for the check and cannot be reached
     */
    @WithSpan
    public ExportingSession authenticate(String authorization) {
        ExportingSession session = tokens.sessionOf(authorization);
        if (!liveSessions.isLive(session.id())) {
            throw new InvalidTelemetryTokenException("the telemetry token's session has ended");
        }
        return session;
    }

    /**
     * Usage metrics become {@code UsageDelta} events; other metrics are accepted and not forwarded.
     *
     * @throws dev.drover.ingest.mapping.InvalidExportException            when a usage value or model is refused
     * @throws dev.drover.ingest.forwarding.SessionShareExceededException when the session has its share waiting
     * @throws dev.drover.ingest.forwarding.OutboxFullException           when the outbox is full
     */
    @WithSpan
    public void exportMetrics(ExportingSession session, ExportMetricsServiceRequest request) {
        outbox.addAll(session.id(), usage.map(session, request));
    }

    /**
     * Log records become {@code ActivityEvent}s, and the usage events among them {@code UsageDelta} events as
     * well; refused like {@link #exportMetrics}.
     */
    @WithSpan
    public void exportLogs(ExportingSession session, ExportLogsServiceRequest request) {
        List<LogRecord> records = sessionFilter.logRecords(session.id(), request);
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            activity.map(session.id(), records.get(i), i).ifPresent(events::add);
            usageEvents.map(session, records.get(i), i).ifPresent(events::add);
        }
        outbox.addAll(session.id(), events);
    }
}
