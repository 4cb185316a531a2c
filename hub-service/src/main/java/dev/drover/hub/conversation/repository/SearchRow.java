package dev.drover.hub.conversation.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * One search hit: the message, its conversation's labels, its rank and its headline as PostgreSQL
 * wrote it, matches between {@link ConversationRepository#MARK_START} and {@link ConversationRepository#MARK_END}.
 */
public record SearchRow(UUID conversationId, long seq, String role, String kind, String toolName, String headline,
        double rank, Instant at, String hostName, String project, String agent, String title) {
}
