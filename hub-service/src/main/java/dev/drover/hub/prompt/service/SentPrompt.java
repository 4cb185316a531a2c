package dev.drover.hub.prompt.service;

import dev.drover.hub.prompt.repository.Prompt;
import dev.drover.hub.prompt.repository.PromptDelivery;

import java.util.List;

/** A prompt and its deliveries, one per session. */
public record SentPrompt(Prompt prompt, List<PromptDelivery> deliveries) {
}
