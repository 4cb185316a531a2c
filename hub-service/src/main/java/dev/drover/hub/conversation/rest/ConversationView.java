package dev.drover.hub.conversation.rest;

import dev.drover.hub.conversation.repository.ConversationRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * An archived agent conversation (docs/api: CONVERSATIONS). {@code project} is the agent's working
 * directory; {@code createdBy} who started its Drover session, null for the host's own runs; input
 * tokens exclude cache reads. {@code resumable} and {@code resumedBySessionId} are only filled in by
 * the single-conversation endpoints ({@code Conversation}); lists carry them too.
 */
@RegisterForReflection
@Schema(name = "Conversation")
public record ConversationView(
        @Schema(required = true) String id,
        @Schema(required = true) String hostId,
        @Schema(required = true, nullable = true) String hostName,
        @Schema(required = true, nullable = true) String project,
        @Schema(required = true, description = "the agent profile id: claude, gemini, codex…") String agent,
        @Schema(required = true) String agentSessionId,
        @Schema(required = true, nullable = true) String sessionId,
        @Schema(required = true, nullable = true, description = "the first user prompt, at most 200 characters") String title,
        @Schema(required = true) Instant startedAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(required = true) long messageCount,
        @Schema(required = true) long inputTokens,
        @Schema(required = true) long outputTokens,
        @Schema(required = true) long cacheReadTokens,
        @Schema(required = true) long cacheWriteTokens,
        @Schema(required = true, nullable = true) String createdBy,
        @Schema(required = true) boolean resumable,
        @Schema(required = true, nullable = true) String resumedBySessionId) {

    static ConversationView of(ConversationRow row) {
        return new ConversationView(row.id().toString(), row.hostId().toString(), row.hostName(), row.project(), row.agent(),
                row.agentSessionId(), row.sessionId() == null ? null : row.sessionId().toString(), row.title(), row.startedAt(),
                row.updatedAt(), row.messageCount(), row.inputTokens(), row.outputTokens(), row.cacheReadTokens(),
                row.cacheWriteTokens(), row.createdBy(), row.resumable(),
                row.resumedBySessionId() == null ? null : row.resumedBySessionId().toString());
    }
}
