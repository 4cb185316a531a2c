package dev.drover.daemon.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claude Code's {@code ~/.claude/projects/<cwd-slug>/<session>.jsonl}: one record per line; the
 * conversation is in the {@code user} and {@code assistant} records (the others are bookkeeping).
 * An assistant message spans several records, one per content block, each repeating the message's
 * {@code usage}: it counts once, on the first block of each {@code message.id}. Sub-agents write
 * records with {@code isSidechain} and their {@code agentId}.
 */
final class ClaudeTranscript extends TranscriptParser {

    private final Set<String> counted = new HashSet<>();

    ClaudeTranscript(Conversation known) {
        super(known);
    }

    @Override
    List<TranscriptEntry> record(JsonNode record) {
        agentSessionId(text(record, "sessionId"));
        String type = text(record, "type");
        JsonNode message = record.path("message");
        if (!("user".equals(type) || "assistant".equals(type)) || !message.isObject()
                || record.path("isMeta").asBoolean(false)) {
            return List.of();
        }
        cwd(text(record, "cwd"));
        String uuid = text(record, "uuid");
        if (uuid == null) {
            return List.of();
        }
        String parent = text(record, "parentUuid");
        String parentKey = parent == null ? null : parent + ":0";
        String subagent = record.path("isSidechain").asBoolean(false) ? text(record, "agentId") : null;
        Instant at = at(record.path("timestamp"));
        JsonNode content = message.path("content");
        List<TranscriptEntry> entries = new ArrayList<>();
        if (content.isTextual()) {
            entries.add(new TranscriptEntry(uuid + ":0", null, parentKey, subagent, "user", "text", content.asText(), null,
                    null, false, null, 0, 0, 0, 0, at));
            return entries;
        }
        String messageId = text(message, "id");
        String model = text(message, "model");
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String key = uuid + ":" + i;
            TranscriptEntry entry = switch (block.path("type").asText()) {
                case "text" -> new TranscriptEntry(key, messageId, parentKey, subagent, type, "text", block.path("text").asText(),
                        null, null, false, model, 0, 0, 0, 0, at);
                case "thinking" -> new TranscriptEntry(key, messageId, parentKey, subagent, type, "thinking",
                        block.path("thinking").asText(), null, null, false, model, 0, 0, 0, 0, at);
                case "tool_use" -> new TranscriptEntry(key, messageId, parentKey, subagent, "assistant", "tool_use",
                        block.path("input").toString(), text(block, "name"), text(block, "id"), false, model, 0, 0, 0, 0, at);
                case "tool_result" -> new TranscriptEntry(key, null, parentKey, subagent, "tool", "tool_result",
                        joined(block.path("content")), null, text(block, "tool_use_id"), block.path("is_error").asBoolean(false),
                        null, 0, 0, 0, 0, at);
                default -> null;
            };
            if (entry != null) {
                entries.add(entry);
            }
        }
        JsonNode usage = message.path("usage");
        if ("assistant".equals(type) && messageId != null && usage.isObject() && !entries.isEmpty() && counted.add(messageId)) {
            entries.set(0, entries.getFirst().withUsage(count(usage, "input_tokens"), count(usage, "output_tokens"),
                    count(usage, "cache_read_input_tokens"), count(usage, "cache_creation_input_tokens")));
        }
        return entries;
    }
}
