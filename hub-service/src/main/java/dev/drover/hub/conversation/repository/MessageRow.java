package dev.drover.hub.conversation.repository;

import java.time.Instant;
import java.util.UUID;

/** One stored message of a conversation. */
public record MessageRow(UUID id, long seq, String agentMessageId, Long parentSeq, String subagentId, String role, String kind,
        String text, String toolName, String toolUseId, boolean error, String model, long inputTokens, long outputTokens,
        long cacheReadTokens, long cacheWriteTokens, Instant at) {
}
