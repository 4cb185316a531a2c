package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of an agent's conversation as the daemon read it from the agent's transcript file
 * (docs/conversations.md, ADR 0031), already redacted. Usage figures are those of the agent's
 * message {@code agentMessageId}, carried by one of its entries only (0 on the others); input
 * tokens exclude cache reads for every agent.
 *
 * @param key              unique within the conversation and stable across re-reads of the file (e.g. Claude's
 *                         record uuid and block index); the hub applies an entry with a known key as an update
 * @param agentMessageId   the agent's id of the message this entry is a part of (Claude's {@code message.id}), or null
 * @param parentKey        the key of the entry this one answers or follows, or null
 * @param subagentId       the sub-agent (Claude sidechain) that wrote it; null on the main thread
 * @param role             {@code user}, {@code assistant}, {@code system} or {@code tool}
 * @param kind             {@code text}, {@code thinking}, {@code tool_use} or {@code tool_result}
 * @param text             the text; a tool call's input as JSON text
 * @param toolName         the tool called, on {@code tool_use}
 * @param toolUseId        the tool call's id, on {@code tool_use} and {@code tool_result}
 * @param error            whether a {@code tool_result} is an error
 * @param model            the model that wrote an assistant message, when known
 * @param at               when the agent wrote it
 */
@RegisterForReflection
public record TranscriptEntry(String key, String agentMessageId, String parentKey, String subagentId, String role,
        String kind, String text, String toolName, String toolUseId, boolean error, String model, long inputTokens,
        long outputTokens, long cacheReadTokens, long cacheWriteTokens, Instant at) {

    /** Without key, role, kind, text or at the entry is malformed: the receiver closes with 1007. */
    public TranscriptEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    /** This entry with other usage figures. */
    public TranscriptEntry withUsage(long input, long output, long cacheRead, long cacheWrite) {
        return new TranscriptEntry(key, agentMessageId, parentKey, subagentId, role, kind, text, toolName, toolUseId, error,
                model, input, output, cacheRead, cacheWrite, at);
    }

    /** This entry with another text (after redaction). */
    public TranscriptEntry withText(String redacted) {
        return new TranscriptEntry(key, agentMessageId, parentKey, subagentId, role, kind, redacted, toolName, toolUseId,
                error, model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, at);
    }
}
