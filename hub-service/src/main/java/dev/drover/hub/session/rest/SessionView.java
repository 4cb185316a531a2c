package dev.drover.hub.session.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session as the API shows it: started from {@code profile} in {@code mode}; {@code agentSessionId}
 * is the agent's own session id (what resume needs); {@code spawnStep} tells how far a starting
 * session got.
 */
public record SessionView(UUID id, UUID hostId, String hostName, List<String> command, String cwd, String state,
        Integer exitCode, String stopReason, String createdBy, Instant createdAt, Instant startedAt, Instant endedAt,
        Usage usage, String profile, String mode, String agentSessionId, String task, UUID resumedFrom,
        String spawnStep) {

    /** Usage totals; {@code costUsd} is an exact decimal string. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens,
            String costUsd) {
    }
}
