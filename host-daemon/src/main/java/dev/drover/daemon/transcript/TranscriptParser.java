package dev.drover.daemon.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads one agent transcript file line by line, as the agent appends to it: each complete line gives
 * the conversation's entries it holds (often none). One parser per file and per reading of it; what it
 * learns of the conversation (the agent's session id, its working directory) is kept with the file's
 * offset so that a daemon restart can go on mid-file. The formats are those the profiles declare
 * ({@code transcripts.format}); ADR 0031 says what each keeps and skips.
 */
public abstract class TranscriptParser {

    static final ObjectMapper JSON = new ObjectMapper();

    private String agentSessionId;
    private String cwd;

    TranscriptParser(Conversation known) {
        this.agentSessionId = known.agentSessionId();
        this.cwd = known.cwd();
    }

    /** What a parser learnt of the conversation so far; both may be null. */
    public record Conversation(String agentSessionId, String cwd) {

        public static final Conversation UNKNOWN = new Conversation(null, null);
    }

    /** A parser of {@code format} (a profile's {@code transcripts.format}), when the daemon reads that format. */
    public static Optional<TranscriptParser> of(String format, java.nio.file.Path file, Conversation known) {
        return Optional.ofNullable(switch (format) {
            case "claude-jsonl" -> new ClaudeTranscript(known);
            case "gemini-jsonl" -> new GeminiTranscript(known, file);
            case "codex-jsonl" -> new CodexTranscript(known);
            default -> null;
        });
    }

    /** Whether the daemon reads transcripts in {@code format}. */
    public static boolean reads(String format) {
        return switch (format) {
            case "claude-jsonl", "gemini-jsonl", "codex-jsonl" -> true;
            default -> false;
        };
    }

    /** The entries of one complete line (without its newline); a line that is not JSON gives none. */
    public final List<TranscriptEntry> line(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (java.io.IOException e) {
            return List.of();
        }
        return record == null || !record.isObject() ? List.of() : record(record);
    }

    abstract List<TranscriptEntry> record(JsonNode record);

    /** What the parser knows of the conversation now. */
    public Conversation conversation() {
        return new Conversation(agentSessionId, cwd);
    }

    void agentSessionId(String id) {
        if (id != null && !id.isBlank()) {
            agentSessionId = id;
        }
    }

    void cwd(String directory) {
        if (cwd == null && directory != null && !directory.isBlank()) {
            cwd = directory;
        }
    }

    static Instant at(JsonNode timestamp) {
        if (timestamp.isTextual()) {
            try {
                return Instant.parse(timestamp.asText());
            } catch (DateTimeParseException e) {
                return Instant.now();
            }
        }
        return Instant.now();
    }

    /** A text field, or null when absent or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** A count that may arrive as a number or as a string of digits (Codex); 0 when absent. */
    static long count(JsonNode node, String field) {
        return Math.max(0, node.path(field).asLong(0));
    }

    /** Text of a content value: a string, or the text parts of a list joined by blank lines. */
    static String joined(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String value = part.isTextual() ? part.asText() : text(part, "text");
            if (value != null) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(value);
            }
        }
        return text.toString();
    }
}
