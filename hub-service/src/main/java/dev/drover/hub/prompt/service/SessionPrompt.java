package dev.drover.hub.prompt.service;

import dev.drover.hub.prompt.repository.Prompt;
import dev.drover.hub.prompt.repository.PromptDelivery;

/** One prompt a session was sent, and how its delivery went. */
public record SessionPrompt(Prompt prompt, PromptDelivery delivery) {
}
