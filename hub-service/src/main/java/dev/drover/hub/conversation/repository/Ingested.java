package dev.drover.hub.conversation.repository;

import java.util.UUID;

/**
 * A transcript batch applied to its conversation: the conversation, its last seq, its Drover session and
 * who started it (both null for a host's own run), and how many messages were inserted or updated.
 */
public record Ingested(UUID conversationId, long lastSeq, UUID sessionId, String createdBy, int changed) {
}
