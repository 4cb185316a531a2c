package dev.drover.hub.notify.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** The signed-in person's notification settings: their webhook (null: none) and the sessions they muted. */
@Schema(name = "NotificationSettings")
public record NotificationSettingsView(
        @Schema(required = true, nullable = true) String webhookUrl,
        @Schema(required = true) List<UUID> mutedSessions) {
}
