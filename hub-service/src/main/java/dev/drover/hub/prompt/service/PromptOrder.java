package dev.drover.hub.prompt.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A prompt to type into the sessions {@code sessionIds} names, or else into the live sessions
 * {@code selection} matches; each delivery waits up to {@code waitFor} (the default when null) for its
 * agent to be idle.
 */
public record PromptOrder(String text, List<UUID> sessionIds, Selection selection, Duration waitFor) {

    /** Live sessions by host, profile, project (the directory they started in) and activity; null matches any. */
    public record Selection(UUID hostId, String profile, String project, String activity) {
    }
}
