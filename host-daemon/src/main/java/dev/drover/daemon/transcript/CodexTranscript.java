package dev.drover.daemon.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Codex's {@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}: {@code session_meta} first (the
 * session id and directory), then {@code response_item}s (messages, reasoning, tool calls and their
 * output) among bookkeeping. A model response's usage arrives after it ({@code token_usage_record},
 * or {@code event_msg} {@code token_count} in older versions): the parser sends the response's last
 * entry again with it (same key, so the hub updates it). {@code input_tokens} counts the cached
 * tokens too; counts may be strings.
 */
final class CodexTranscript extends TranscriptParser {

    /** A user message that is only a context block Codex adds ({@code <environment_context>…}), not something typed. */
    private static final Pattern CONTEXT_BLOCK = Pattern.compile("^\\s*<([a-z_]+)>[\\s\\S]*</\\1>\\s*$");

    private TranscriptEntry awaitingUsage;

    CodexTranscript(Conversation known) {
        super(known);
    }

    @Override
    List<TranscriptEntry> record(JsonNode record) {
        JsonNode payload = record.path("payload");
        Instant at = at(record.path("timestamp"));
        switch (record.path("type").asText()) {
            case "session_meta" -> {
                agentSessionId(text(payload, "id"));
                cwd(text(payload, "cwd"));
                return List.of();
            }
            case "turn_context" -> {
                cwd(text(payload, "cwd"));
                return List.of();
            }
            case "response_item" -> {
                return item(payload, record, at);
            }
            case "token_usage_record" -> {
                return usage(payload.path("usage"));
            }
            case "event_msg" -> {
                return "token_count".equals(text(payload, "type"))
                        ? usage(payload.path("info").path("last_token_usage")) : List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<TranscriptEntry> item(JsonNode item, JsonNode record, Instant at) {
        String id = text(item, "id");
        String callId = text(item, "call_id");
        TranscriptEntry entry = switch (item.path("type").asText()) {
            case "message" -> message(item, key(id, callId, "message", record), at);
            case "reasoning" -> {
                String summary = joined(item.path("summary"));
                yield summary.isEmpty() ? null : new TranscriptEntry(key(id, callId, "reasoning", record), id, null, null,
                        "assistant", "thinking", summary, null, null, false, null, 0, 0, 0, 0, at);
            }
            case "function_call", "custom_tool_call", "local_shell_call" -> new TranscriptEntry(key(null, callId, "call", record),
                    id, null, null, "assistant", "tool_use", input(item), text(item, "name"), callId, false, null, 0, 0, 0, 0, at);
            case "function_call_output", "custom_tool_call_output" -> new TranscriptEntry(key(null, callId, "output", record),
                    null, callId == null ? null : callId + ":call", null, "tool", "tool_result", output(item.path("output")), null,
                    callId, false, null, 0, 0, 0, 0, at);
            default -> null;
        };
        if (entry == null) {
            return List.of();
        }
        if (entry.role().equals("assistant")) {
            awaitingUsage = entry;
        }
        return List.of(entry);
    }

    private static TranscriptEntry message(JsonNode item, String key, Instant at) {
        String text = joined(item.path("content"));
        String role = switch (item.path("role").asText()) {
            case "assistant" -> "assistant";
            case "user" -> CONTEXT_BLOCK.matcher(text).matches() ? "system" : "user";
            default -> "system";
        };
        return new TranscriptEntry(key, text(item, "id"), null, null, role, "text", text, null, null, false, null, 0, 0, 0, 0,
                at);
    }

    private List<TranscriptEntry> usage(JsonNode usage) {
        if (awaitingUsage == null || !usage.isObject()) {
            return List.of();
        }
        long cached = count(usage, "cached_input_tokens");
        TranscriptEntry counted = awaitingUsage.withUsage(Math.max(0, count(usage, "input_tokens") - cached),
                count(usage, "output_tokens"), cached, count(usage, "cache_write_input_tokens"));
        awaitingUsage = null;
        return List.of(counted);
    }

    /** A key stable across readings: the item's id, else its call id and what it is, else its place in the file. */
    private static String key(String id, String callId, String what, JsonNode record) {
        if (id != null) {
            return id;
        }
        if (callId != null) {
            return callId + ":" + what;
        }
        return what + "@" + (record.has("ordinal") ? record.path("ordinal").asText() : record.path("timestamp").asText());
    }

    private static String input(JsonNode item) {
        JsonNode arguments = item.has("arguments") ? item.path("arguments") : item.has("input") ? item.path("input")
                : item.path("action");
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    private static String output(JsonNode output) {
        if (output.isTextual()) {
            return output.asText();
        }
        JsonNode content = output.path("content");
        return content.isTextual() ? content.asText() : output.toString();
    }
}
