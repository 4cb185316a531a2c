package dev.drover.hub.telemetry.rest;

import java.time.Instant;

/**
 * A telemetry event the hub could not apply: why, when, and the usage it carried (texts with control characters
 * escaped as {@code \\uXXXX}; {@code usage} is null for an event without usage).
 */
public record DeadLetterView(String eventId, String sessionId, String reason, Instant receivedAt, Usage usage) {

    /** The usage delta as received. */
    public record Usage(String model, long inputTokens, long outputTokens, long cacheReadTokens,
            long cacheCreationTokens, long costNanoUsd, String source) {
    }
}
