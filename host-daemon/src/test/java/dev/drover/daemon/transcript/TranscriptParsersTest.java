package dev.drover.daemon.transcript;

import dev.drover.protocol.daemon.TranscriptEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsers on the transcripts recorded from the real CLIs (fixtures/transcripts, copied from the
 * shared fixtures): exact messages and usage. The mock model answered every request with input 1111,
 * output 222, cache creation 333 and cache read 4444 (Anthropic), cached 444 and thinking 55 (Gemini,
 * OpenAI), so every figure here is that times the number of model responses.
 */
class TranscriptParsersTest {

    @Test
    void claudeCountsEachMessageOnceThoughEveryBlockRepeatsItsUsage() throws IOException {
        Parsed parsed = parse("claude-jsonl", "claude/60c7975c-edd8-4a50-a67f-1eff953c4520.jsonl");

        assertThat(parsed.entries).hasSize(11);
        assertThat(parsed.texts("user", "text")).containsExactly("say hi", "please use a tool", "say hi again", "and once more");
        assertThat(parsed.count("assistant", "text")).isEqualTo(5);
        assertThat(parsed.count("assistant", "tool_use")).isEqualTo(1);
        assertThat(parsed.count("tool", "tool_result")).isEqualTo(1);
        TranscriptEntry call = parsed.only("assistant", "tool_use");
        assertThat(call.toolName()).isEqualTo("Bash");
        assertThat(call.text()).contains("\"command\":\"touch mock_tool_was_here.txt && ls\"");
        TranscriptEntry result = parsed.only("tool", "tool_result");
        assertThat(result.toolUseId()).isEqualTo(call.toolUseId());
        assertThat(result.text()).isEqualTo("mock_tool_was_here.txt");
        assertThat(result.error()).isFalse();
        assertThat(parsed.usage()).containsExactly(5 * 1111L, 5 * 222L, 5 * 4444L, 5 * 333L);
        assertThat(parsed.parser.conversation())
                .isEqualTo(new TranscriptParser.Conversation("60c7975c-edd8-4a50-a67f-1eff953c4520", "/home/devbox/work/proj1"));
    }

    @Test
    void claudeKeepsARefusedToolCallAsAnErrorResult() throws IOException {
        Parsed parsed = parse("claude-jsonl", "claude/7c0bf90a-4477-4438-a5fa-fc0d7c80271a.jsonl");

        assertThat(parsed.entries).hasSize(5);
        assertThat(parsed.texts("user", "text")).containsExactly("please use a tool");
        assertThat(parsed.only("tool", "tool_result").error()).isTrue();
        assertThat(parsed.usage()).containsExactly(2 * 1111L, 2 * 222L, 2 * 4444L, 2 * 333L);
    }

    @Test
    void geminiKeepsTheLastOfARecordWrittenAgainUnderItsId() throws IOException {
        Parsed parsed = parse("gemini-jsonl", "gemini/session-2026-11-21T05-31-3f556259.jsonl");

        assertThat(parsed.lines).isGreaterThan(parsed.entries.size());
        assertThat(parsed.entries).hasSize(5);
        assertThat(parsed.texts("user", "text")).containsExactly("first message", "second message");
        assertThat(parsed.texts("assistant", "text")).containsExactly("Hi! I am the mock Gemini model on 127.0.0.1.",
                "Hi! I am the mock Gemini model on 127.0.0.1.");
        assertThat(parsed.count("system", "text")).isEqualTo(1);
        assertThat(parsed.only("system", "text").at()).hasToString("2026-11-21T05:31:11.986Z");
        // input counts the cached tokens; thoughts are billed as output
        assertThat(parsed.usage()).containsExactly(2 * (1111L - 444), 2 * (222L + 55), 2 * 444L, 0L);
        assertThat(parsed.parser.conversation())
                .isEqualTo(new TranscriptParser.Conversation("3f556259-c3ee-4d15-82a6-59f7b4f659a6", "/home/devbox/work/gproj"));
    }

    @Test
    void codexPutsEachResponsesUsageOnItAndTellsTypedPromptsFromContext() throws IOException {
        Parsed parsed = parse("codex-jsonl", "codex/rollout-2026-11-21T05-31-54-01a1fc96-f617-70b0-9b4b-aa5cf54f9a64.jsonl");

        assertThat(parsed.entries).hasSize(18);
        assertThat(parsed.texts("user", "text")).containsExactly("say hi", "write slow answer", "please use a tool",
                "another slow one", "say hi again", "and once more");
        assertThat(parsed.count("system", "text")).isEqualTo(3);
        assertThat(parsed.count("assistant", "text")).isEqualTo(7);
        TranscriptEntry call = parsed.only("assistant", "tool_use");
        assertThat(call.toolName()).isEqualTo("exec_command");
        TranscriptEntry output = parsed.only("tool", "tool_result");
        assertThat(output.toolUseId()).isEqualTo(call.toolUseId());
        assertThat(output.parentKey()).isEqualTo(call.key());
        assertThat(output.text()).contains("mock_tool_was_here.txt");
        // 7 responses; input counts the cached tokens, output the reasoning
        assertThat(parsed.usage()).containsExactly(7 * (1111L - 444), 7 * 222L, 7 * 444L, 0L);
        assertThat(parsed.parser.conversation())
                .isEqualTo(new TranscriptParser.Conversation("01a1fc96-f617-70b0-9b4b-aa5cf54f9a64", "/home/devbox/work/cproj"));
    }

    @Test
    void countsMayArriveAsStrings() {
        TranscriptParser codex = TranscriptParser.of("codex-jsonl", Path.of("x.jsonl"), TranscriptParser.Conversation.UNKNOWN)
                .orElseThrow();
        codex.line("{\"timestamp\":\"2026-11-21T05:31:59.493Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
                + "\"id\":\"m1\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"}]}}");
        List<TranscriptEntry> counted = codex.line("{\"type\":\"token_usage_record\",\"payload\":{\"usage\":{"
                + "\"input_tokens\":\"1111\",\"cached_input_tokens\":\"444\",\"output_tokens\":\"222\"}}}");

        assertThat(counted).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("m1");
            assertThat(entry.inputTokens()).isEqualTo(667);
            assertThat(entry.cacheReadTokens()).isEqualTo(444);
            assertThat(entry.outputTokens()).isEqualTo(222);
        });
    }

    @Test
    void aLineThatIsNotJsonGivesNothing() {
        TranscriptParser claude = TranscriptParser.of("claude-jsonl", Path.of("x.jsonl"), TranscriptParser.Conversation.UNKNOWN)
                .orElseThrow();

        assertThat(claude.line("{\"type\":\"user\",\"message\":{\"content\":\"cut in th")).isEmpty();
        assertThat(claude.line("not json")).isEmpty();
        assertThat(TranscriptParser.of("aider-markdown", Path.of("x.md"), TranscriptParser.Conversation.UNKNOWN)).isEmpty();
    }

    /**
     * An entry written again, as the hub applies it: its last version, with the earlier usage when the
     * last carries none (Gemini lists its messages again on resume, without their tokens).
     */
    private static TranscriptEntry later(TranscriptEntry earlier, TranscriptEntry last) {
        boolean counted = last.inputTokens() + last.outputTokens() + last.cacheReadTokens() + last.cacheWriteTokens() > 0;
        return counted ? last : last.withUsage(earlier.inputTokens(), earlier.outputTokens(), earlier.cacheReadTokens(),
                earlier.cacheWriteTokens());
    }

    /** A fixture read line by line, its entries kept by key as the hub keeps them ({@link #later}). */
    private static Parsed parse(String format, String fixture) throws IOException {
        TranscriptParser parser = TranscriptParser.of(format, Path.of("/home/devbox/.x/" + fixture),
                TranscriptParser.Conversation.UNKNOWN).orElseThrow();
        Map<String, TranscriptEntry> entries = new LinkedHashMap<>();
        int lines = 0;
        try (InputStream in = Objects.requireNonNull(TranscriptParsersTest.class.getResourceAsStream("/fixtures/transcripts/"
                + fixture), fixture)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                for (TranscriptEntry entry : parser.line(line)) {
                    entries.merge(entry.key(), entry, TranscriptParsersTest::later);
                    lines++;
                }
            }
        }
        return new Parsed(parser, List.copyOf(entries.values()), lines);
    }

    private record Parsed(TranscriptParser parser, List<TranscriptEntry> entries, int lines) {

        List<String> texts(String role, String kind) {
            return of(role, kind).stream().map(TranscriptEntry::text).toList();
        }

        long count(String role, String kind) {
            return of(role, kind).size();
        }

        TranscriptEntry only(String role, String kind) {
            assertThat(of(role, kind)).as("%s %s entries", role, kind).hasSize(1);
            return of(role, kind).getFirst();
        }

        List<TranscriptEntry> of(String role, String kind) {
            return entries.stream().filter(entry -> entry.role().equals(role) && entry.kind().equals(kind)).toList();
        }

        List<Long> usage() {
            return List.of(entries.stream().mapToLong(TranscriptEntry::inputTokens).sum(),
                    entries.stream().mapToLong(TranscriptEntry::outputTokens).sum(),
                    entries.stream().mapToLong(TranscriptEntry::cacheReadTokens).sum(),
                    entries.stream().mapToLong(TranscriptEntry::cacheWriteTokens).sum());
        }
    }
}
