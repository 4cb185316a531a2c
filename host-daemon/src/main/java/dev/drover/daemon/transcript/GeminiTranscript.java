package dev.drover.daemon.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini CLI's {@code ~/.gemini/tmp/<project>/chats/session-*.jsonl}: a header line (the session id),
 * then message records ({@code user}, {@code gemini}, {@code info}…) and {@code $set} updates, which
 * may list every message again. A record written again under the same id replaces the earlier one:
 * the entries keep their keys, so the hub keeps the last. Usage is on each {@code gemini} record;
 * {@code tokens.input} counts the cached tokens too, thoughts are billed as output.
 */
final class GeminiTranscript extends TranscriptParser {

    /** The context message Gemini sends first; it names the workspace (the project the CLI ran in). */
    private static final String CONTEXT = "<session_context>";
    private static final Pattern WORKSPACE = Pattern.compile("Workspace Directories:\\**\\s*\\n\\s*- (\\S[^\\n]*)");

    GeminiTranscript(Conversation known, Path file) {
        super(known);
        projectRoot(file);
    }

    /** Gemini CLI 0.40+ writes the project's directory into {@code <project>/.project_root} next to {@code chats/}. */
    private void projectRoot(Path file) {
        Path chats = file.getParent();
        Path marker = chats == null || chats.getParent() == null ? null : chats.getParent().resolve(".project_root");
        if (marker != null && Files.isRegularFile(marker)) {
            try {
                cwd(Files.readString(marker).strip());
            } catch (IOException e) {
                // the context message names the workspace as well
            }
        }
    }

    @Override
    List<TranscriptEntry> record(JsonNode record) {
        JsonNode set = record.path("$set");
        if (set.isObject()) {
            agentSessionId(text(set, "sessionId"));
            List<TranscriptEntry> entries = new ArrayList<>();
            for (JsonNode message : set.path("messages")) {
                entries.addAll(message(message));
            }
            return entries;
        }
        if (record.has("projectHash")) {
            agentSessionId(text(record, "sessionId"));
            return List.of();
        }
        return message(record);
    }

    private List<TranscriptEntry> message(JsonNode record) {
        String id = text(record, "id");
        String type = text(record, "type");
        if (id == null || type == null) {
            return List.of();
        }
        Instant at = at(record.path("timestamp"));
        List<TranscriptEntry> entries = new ArrayList<>();
        switch (type) {
            case "user" -> {
                JsonNode content = record.path("content");
                List<String> parts = new ArrayList<>();
                if (content.isTextual()) {
                    parts.add(content.asText());
                } else {
                    content.forEach(part -> {
                        if (part.path("text").isTextual()) {
                            parts.add(part.path("text").asText());
                        }
                    });
                }
                for (int i = 0; i < parts.size(); i++) {
                    String text = parts.get(i);
                    boolean context = text.startsWith(CONTEXT);
                    if (context) {
                        Matcher workspace = WORKSPACE.matcher(text);
                        if (workspace.find()) {
                            cwd(workspace.group(1).strip());
                        }
                    }
                    entries.add(new TranscriptEntry(id + ":" + i, id, null, null, context ? "system" : "user", "text", text,
                            null, null, false, null, 0, 0, 0, 0, at));
                }
            }
            case "gemini" -> {
                String model = text(record, "model");
                JsonNode thoughts = record.path("thoughts");
                for (int i = 0; i < thoughts.size(); i++) {
                    JsonNode thought = thoughts.get(i);
                    String subject = text(thought, "subject");
                    String description = text(thought, "description");
                    String text = subject == null ? String.valueOf(description)
                            : description == null ? subject : "**" + subject + "** " + description;
                    entries.add(new TranscriptEntry(id + ":thought:" + i, id, null, null, "assistant", "thinking", text, null,
                            null, false, model, 0, 0, 0, 0, at));
                }
                String answer = joined(record.path("content"));
                if (!answer.isEmpty()) {
                    entries.add(new TranscriptEntry(id + ":0", id, null, null, "assistant", "text", answer, null, null, false,
                            model, 0, 0, 0, 0, at));
                }
                JsonNode calls = record.path("toolCalls");
                for (int i = 0; i < calls.size(); i++) {
                    JsonNode call = calls.get(i);
                    String callId = text(call, "id");
                    entries.add(new TranscriptEntry(id + ":call:" + i, id, null, null, "assistant", "tool_use",
                            call.path("args").toString(), text(call, "name"), callId, false, model, 0, 0, 0, 0, at));
                    if (call.has("result") || call.has("resultDisplay")) {
                        String status = text(call, "status");
                        entries.add(new TranscriptEntry(id + ":result:" + i, null, id + ":call:" + i, null, "tool",
                                "tool_result", result(call), null, callId, "error".equals(status), null, 0, 0, 0, 0, at));
                    }
                }
                JsonNode tokens = record.path("tokens");
                if (tokens.isObject() && !entries.isEmpty()) {
                    long cached = count(tokens, "cached");
                    entries.set(0, entries.getFirst().withUsage(Math.max(0, count(tokens, "input") - cached),
                            count(tokens, "output") + count(tokens, "thoughts"), cached, 0));
                }
            }
            case "info", "error", "warning" -> entries.add(new TranscriptEntry(id + ":0", id, null, null, "system", "text",
                    joined(record.path("content")), null, null, false, null, 0, 0, 0, 0, at));
            default -> {
                // other record types carry no conversation
            }
        }
        return entries;
    }

    /** A tool call's output: what the function answered, else what the CLI displayed. */
    private static String result(JsonNode call) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : call.path("result")) {
            JsonNode response = part.path("functionResponse").path("response");
            JsonNode output = response.has("output") ? response.path("output") : response.path("error");
            if (!output.isMissingNode()) {
                text.append(output.isTextual() ? output.asText() : output.toString());
            }
        }
        if (text.isEmpty() && call.path("resultDisplay").isTextual()) {
            text.append(call.path("resultDisplay").asText());
        }
        return text.toString();
    }
}
