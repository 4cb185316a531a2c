package dev.drover.hub.telemetry.grpc;

import dev.drover.hub.telemetry.repository.UsageEventRepository;
import dev.drover.hub.telemetry.repository.UsageEventRepository.UsageEvent;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.TelemetryStream;
import dev.drover.telemetry.v1.UsageDelta;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives the ingest's event stream (docs/adr/0003-telemetry-event-stream.md): stores each usage
 * delta once, adds it to its session's totals, then acknowledges it. Events are handled in order.
 */
@GrpcService
public class TelemetryStreamService implements TelemetryStream {

    private static final Logger LOG = Logger.getLogger(TelemetryStreamService.class);

    private final UsageEventRepository usage;
    private final AtomicLong activityEvents = new AtomicLong();

    public TelemetryStreamService(UsageEventRepository usage) {
        this.usage = usage;
    }

    @Override
    public Multi<EventAck> publish(Multi<TelemetryEvent> events) {
        return events.onItem().transformToUniAndConcatenate(this::handle);
    }

    @WithSpan
    Uni<EventAck> handle(TelemetryEvent event) {
        EventAck ack = EventAck.newBuilder().setEventId(event.getEventId()).build();
        return switch (event.getPayloadCase()) {
            case USAGE -> store(event)
                    .replaceWith(ack);
            case ACTIVITY -> {
                LOG.debugf("activity %s of session %s (%d so far)", event.getActivity().getName(),
                        event.getSessionId(), activityEvents.incrementAndGet());
                yield Uni.createFrom().item(ack);
            }
            case PAYLOAD_NOT_SET -> {
                LOG.debugf("event %s without payload dropped", event.getEventId());
                yield Uni.createFrom().item(ack);
            }
        };
    }

    private Uni<Void> store(TelemetryEvent event) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(event.getSessionId());
        } catch (IllegalArgumentException e) {
            LOG.debugf("usage event %s for malformed session id %s dropped", event.getEventId(), event.getSessionId());
            return Uni.createFrom().voidItem();
        }
        UsageDelta delta = event.getUsage();
        UsageEvent stored = new UsageEvent(event.getEventId(), sessionId, delta.getModel(), delta.getInputTokens(),
                delta.getOutputTokens(), delta.getCacheReadTokens(), delta.getCacheCreationTokens(),
                delta.getCostNanoUsd(), delta.getSource(), observedAt(event.getObservedAtUnixNanos()));
        return usage.record(stored)
                .invoke(outcome -> {
                    if (outcome == UsageEventRepository.Outcome.UNKNOWN_SESSION) {
                        LOG.debugf("usage event %s for unknown session %s dropped", event.getEventId(), sessionId);
                    }
                })
                .replaceWithVoid();
    }

    private static OffsetDateTime observedAt(long unixNanos) {
        Instant instant = unixNanos == 0
                ? Instant.now()
                : Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
        return instant.atOffset(ZoneOffset.UTC);
    }
}
