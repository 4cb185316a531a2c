package dev.drover.hub.prompt.rest;

import dev.drover.hub.prompt.service.SessionPrompt;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A prompt a session was sent: what, by whom, when, and how its delivery went. */
@Schema(name = "SessionPrompt")
public record SessionPromptView(
        @Schema(required = true) UUID promptId,
        @Schema(required = true) String text,
        @Schema(required = true) String createdBy,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) DeliveryView delivery) {

    static SessionPromptView of(SessionPrompt sent) {
        return new SessionPromptView(sent.prompt().id, sent.prompt().text, sent.prompt().createdBy, sent.prompt().createdAt,
                DeliveryView.of(sent.delivery()));
    }
}
