package dev.drover.hub.conversation.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The conversation archive, under {@code drover.hub.conversations} (docs/conversations.md). */
@ConfigMapping(prefix = "drover.hub.conversations")
public interface ConversationConfig {

    /** How long a conversation is kept after its last message; unset keeps conversations for ever. */
    Optional<Duration> retention();

    /**
     * Retention per project (the agent's working directory, e.g. {@code "/home/me/src/shop": P30D}),
     * overriding {@link #retention()} for the conversations of that directory.
     */
    Map<String, Duration> projectRetention();

    /** How often the retention job deletes the conversations past their retention. */
    @WithDefault("PT1H")
    Duration retentionInterval();

    /** How long a resume may take to start before another person may resume the same conversation. */
    @WithDefault("PT2M")
    Duration resumeLock();
}
