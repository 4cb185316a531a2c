package dev.drover.ingest.forwarding;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the outbox takes exports; down while it is full (the hub is not keeping up or unreachable). */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {

    private final Outbox outbox;

    public OutboxReadinessCheck(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("telemetry-outbox")
                .status(!outbox.isFull())
                .withData("unacknowledged", outbox.size())
                .withData("capacity", outbox.capacity())
                .build();
    }
}
