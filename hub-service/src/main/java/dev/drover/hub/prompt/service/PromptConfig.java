package dev.drover.hub.prompt.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Prompts typed into sessions (ADR 0025), under {@code drover.hub.prompts}. */
@ConfigMapping(prefix = "drover.hub.prompts")
public interface PromptConfig {

    /** How long a delivery waits for its agent to be idle when the request does not say. */
    @WithDefault("PT5M")
    Duration defaultWait();

    /** The longest wait a request may ask for. */
    @WithDefault("PT1H")
    Duration maxWait();

    /** How long after the typing the agent has to show it took the prompt (working, or its hook) before it counts as unconfirmed. */
    @WithDefault("PT30S")
    Duration confirmTimeout();

    /** How long the daemon may take to answer that it typed a prompt. */
    @WithDefault("PT15S")
    Duration typeTimeout();

    /** The most sessions one prompt may go to. */
    @WithDefault("200")
    int maxSessions();
}
