package dev.drover.hub.notify.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The person's webhook: an http(s) URL the hub POSTs a JSON notification to; null or absent removes it. */
public record NotificationSettingsRequest(
        @Schema(nullable = true, maxLength = 2048)
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL") String webhookUrl) {
}
