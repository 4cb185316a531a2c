package dev.drover.hub.conversation.rest;

import dev.drover.hub.conversation.repository.MessageRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * One message of a conversation, in order by {@code seq}. Usage is counted once per agent message (on
 * one of its parts, 0 on the others); {@code text} of a {@code tool_use} is its input as JSON.
 */
@RegisterForReflection
@Schema(name = "ConversationMessage")
public record MessageView(
        @Schema(required = true) String id,
        @Schema(required = true) long seq,
        @Schema(required = true, nullable = true) String agentMessageId,
        @Schema(required = true, nullable = true) Long parentSeq,
        @Schema(required = true, nullable = true, description = "the sub-agent that wrote it; null on the main thread") String subagentId,
        @Schema(required = true, enumeration = {"user", "assistant", "system", "tool"}) String role,
        @Schema(required = true, enumeration = {"text", "thinking", "tool_use", "tool_result"}) String kind,
        @Schema(required = true) String text,
        @Schema(required = true, nullable = true) String toolName,
        @Schema(required = true, nullable = true) String toolUseId,
        @Schema(required = true) boolean isError,
        @Schema(required = true, nullable = true) String model,
        @Schema(required = true) long inputTokens,
        @Schema(required = true) long outputTokens,
        @Schema(required = true) long cacheReadTokens,
        @Schema(required = true) long cacheWriteTokens,
        @Schema(required = true) Instant at) {

    static MessageView of(MessageRow row) {
        return new MessageView(row.id().toString(), row.seq(), row.agentMessageId(), row.parentSeq(), row.subagentId(), row.role(),
                row.kind(), row.text(), row.toolName(), row.toolUseId(), row.error(), row.model(), row.inputTokens(),
                row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens(), row.at());
    }
}
