package dev.drover.hub.telemetry.grpc;

import dev.drover.hub.telemetry.service.TelemetryService;
import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.SessionStatus;
import dev.drover.telemetry.v1.SessionStatusRequest;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.TelemetryStream;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Receives the ingest's event stream (docs/adr/0003-telemetry-event-stream.md): applies each event (or
 * dead-letters it, docs/adr/0009) and then acknowledges it, in order. The stream fails only when the hub
 * cannot store anything; the ingest then reconnects and resends what was not acknowledged. Also tells the
 * ingest whether a telemetry token's session is live (docs/adr/0013).
 */
@GrpcService
public class TelemetryStreamService implements TelemetryStream {

    private final TelemetryService telemetry;

    public TelemetryStreamService(TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public Multi<EventAck> publish(Multi<TelemetryEvent> events) {
        return events.onItem().transformToUniAndConcatenate(this::handle);
    }

    @Override
    @WithSpan
    public Uni<SessionStatus> getSessionStatus(SessionStatusRequest request) {
        return telemetry.isLive(request.getSessionId())
                .map(live -> SessionStatus.newBuilder().setLive(live).build());
    }

    @WithSpan
    Uni<EventAck> handle(TelemetryEvent event) {
        return telemetry.apply(event).replaceWith(EventAck.newBuilder().setEventId(event.getEventId()).build());
    }
}
