package dev.drover.hub.prompt.rest;

import dev.drover.hub.prompt.service.SentPrompt;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A prompt someone sent, with its delivery to each session. */
@Schema(name = "Prompt")
public record PromptView(
        @Schema(required = true) UUID id,
        @Schema(required = true) String text,
        @Schema(required = true) String createdBy,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) int waitSeconds,
        @Schema(required = true) List<DeliveryView> deliveries) {

    static PromptView of(SentPrompt sent) {
        return new PromptView(sent.prompt().id, sent.prompt().text, sent.prompt().createdBy, sent.prompt().createdAt,
                sent.prompt().waitSeconds, sent.deliveries().stream().map(DeliveryView::of).toList());
    }
}
