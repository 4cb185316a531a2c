package dev.drover.hub.telemetry.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A telemetry event the hub could not apply: why, when, and the usage it carried (texts with control characters
 * escaped as {@code \\uXXXX}; {@code usage} is null for an event without usage).
 */
public record DeadLetterView(
        @Schema(required = true) String eventId,
        @Schema(required = true) String sessionId,
        @Schema(required = true) String reason,
        @Schema(required = true) Instant receivedAt,
        @Schema(required = true, nullable = true) Usage usage) {

    /** The usage delta as received. */
    @Schema(name = "DeadLetterUsage")
    public record Usage(
            @Schema(required = true) String model,
            @Schema(required = true) long inputTokens,
            @Schema(required = true) long outputTokens,
            @Schema(required = true) long cacheReadTokens,
            @Schema(required = true) long cacheCreationTokens,
            @Schema(required = true) long costNanoUsd,
            @Schema(required = true) String source) {
    }
}
