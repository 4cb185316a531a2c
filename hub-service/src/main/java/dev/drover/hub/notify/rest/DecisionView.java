package dev.drover.hub.notify.rest;

import dev.drover.hub.notify.repository.DecisionRepository.Decision;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A decision made in Drover on what a session's agent asked: who, when, allow or deny, the reason
 * given, how it reached the agent ({@code hook}: its held approval hook; {@code keys}: the keys its
 * profile declares) and what was decided on (the command), when known.
 */
@Schema(name = "Decision")
public record DecisionView(
        @Schema(required = true) Instant decidedAt,
        @Schema(required = true) String decidedBy,
        @Schema(required = true, enumeration = {"allow", "deny"}) String decision,
        @Schema(required = true, nullable = true) String reason,
        @Schema(required = true, enumeration = {"hook", "keys"}) String via,
        @Schema(required = true, nullable = true) String detail) {

    static DecisionView of(Decision decision) {
        return new DecisionView(decision.decidedAt(), decision.decidedBy(), decision.decision(), decision.reason(),
                decision.via(), decision.detail());
    }
}
