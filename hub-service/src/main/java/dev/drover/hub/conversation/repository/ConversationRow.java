package dev.drover.hub.conversation.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as stored, with its host's name and who started its Drover session (null for the
 * host's own runs); {@code resumable} when its host offers the agent's profile with a resume command.
 */
public record ConversationRow(UUID id, UUID hostId, String hostName, String project, String agent, String agentSessionId,
        UUID sessionId, String title, Instant startedAt, Instant updatedAt, long messageCount, long inputTokens,
        long outputTokens, long cacheReadTokens, long cacheWriteTokens, String createdBy, boolean resumable,
        UUID resumedBySessionId) {
}
