package dev.drover.hub.notify.rest;

import dev.drover.hub.notify.repository.NotificationRepository.FailedDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in person's notification settings: their webhook (null: none), the sessions they muted, and their
 * latest webhook notifications that were given up after every attempt, newest first.
 */
@Schema(name = "NotificationSettings")
public record NotificationSettingsView(
        @Schema(required = true, nullable = true) String webhookUrl,
        @Schema(required = true) List<UUID> mutedSessions,
        @Schema(required = true, description = "The latest 20 webhook notifications that never arrived, newest first")
        List<FailedWebhook> failedWebhooks) {

    /** A webhook notification given up: about which session's wait (state, since), when, after how many attempts, and why. */
    @Schema(name = "FailedWebhook")
    public record FailedWebhook(
            @Schema(required = true) UUID sessionId,
            @Schema(required = true, enumeration = {"needs-approval", "needs-answer"}) String state,
            @Schema(required = true) Instant since,
            @Schema(required = true) Instant failedAt,
            @Schema(required = true) int attempts,
            @Schema(required = true, description = "The last attempt's error: the receiver's status or why it could not be reached")
            String lastError) {

        static FailedWebhook of(FailedDelivery failed) {
            return new FailedWebhook(failed.sessionId(), failed.state(), failed.since(), failed.failedAt(), failed.attempts(),
                    failed.lastError());
        }
    }
}
