package dev.drover.hub.prompt.rest;

import dev.drover.hub.prompt.repository.PromptDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A prompt's delivery to one session: {@code waiting} for the agent to be idle, {@code typed} and
 * waiting for the agent to show it took it, or final: {@code confirmed}, {@code refused} (the agent
 * waited for an approval or an answer), {@code timed-out} (never idle within the wait),
 * {@code unconfirmed} (typed, no sign of it), {@code ended} (the session ended), {@code failed} (the
 * host refused or did not answer, or the hub restarted). {@code detail} says why; {@code typedAt} is
 * on the host's clock.
 */
@Schema(name = "PromptDelivery")
public record DeliveryView(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID promptId,
        @Schema(required = true) UUID sessionId,
        @Schema(required = true, enumeration = {"waiting", "typed", "confirmed", "refused", "timed-out", "unconfirmed",
                "ended", "failed"}) String status,
        @Schema(required = true, nullable = true) String detail,
        @Schema(required = true, nullable = true) Instant typedAt,
        @Schema(required = true, nullable = true) Instant finishedAt) {

    public static DeliveryView of(PromptDelivery delivery) {
        return new DeliveryView(delivery.id, delivery.promptId, delivery.sessionId, delivery.status.wire(), delivery.detail,
                delivery.typedAt, delivery.finishedAt);
    }
}
