package dev.drover.daemon.transcript;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following transcript files by byte offset: partial lines, truncation, replacement, a daemon restart
 * (with and without the hub's acknowledgement), the hub away, the in-flight window, a 100 MB file,
 * own runs held back, and redaction.
 */
class TranscriptTailerTest {

    private static final String SESSION = "60c7975c-edd8-4a50-a67f-1eff953c4520";

    @TempDir
    Path dir;

    private Path projects;
    private Path file;
    private final List<DaemonMessage.Transcript> sent = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        projects = Files.createDirectories(dir.resolve("home/.claude/projects/-work-proj1"));
        file = projects.resolve(SESSION + ".jsonl");
    }

    @Test
    void aLineIsReadOnlyOnceItsNewlineIsWritten() throws IOException {
        TranscriptTailer tailer = tailer(Map.of(), true, 8);
        String line = prompt("u1", "first prompt");
        append(line.substring(0, 40));
        tailer.scan();
        assertThat(sent).isEmpty();

        append(line.substring(40));
        tailer.changed(file);
        assertThat(sent).isEmpty();

        append("\n");
        tailer.changed(file);
        assertThat(texts()).containsExactly("first prompt");
        assertThat(sent.getFirst().agentSessionId()).isEqualTo(SESSION);
        assertThat(sent.getFirst().cwd()).isEqualTo("/work/proj1");
        assertThat(sent.getFirst().sessionId()).isNull();
    }

    @Test
    void aRestartGoesOnFromWhatTheHubAcknowledgedAndSendsAgainWhatItDidNot() throws IOException {
        TranscriptTailer first = tailer(Map.of(), true, 8);
        append(prompt("u1", "acknowledged") + "\n");
        first.scan();
        first.acknowledged(sent.getLast().batch());
        append(prompt("u2", "sent, not acknowledged") + "\n");
        first.changed(file);
        first.persist();
        sent.clear();

        TranscriptTailer restarted = tailer(Map.of(), true, 8);
        restarted.scan();

        assertThat(texts()).containsExactly("sent, not acknowledged");
        assertThat(sent.getFirst().agentSessionId()).as("known from the saved position").isEqualTo(SESSION);
    }

    @Test
    void aTruncatedFileIsReadAgainFromTheStart() throws IOException {
        TranscriptTailer tailer = tailer(Map.of(), true, 8);
        append(prompt("u1", "one") + "\n" + prompt("u2", "two") + "\n");
        tailer.scan();
        tailer.acknowledged(sent.getLast().batch());
        sent.clear();

        Files.writeString(file, prompt("u3", "after truncation") + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        tailer.changed(file);

        assertThat(texts()).containsExactly("after truncation");
    }

    @Test
    void aReplacedFileIsReadAgainFromTheStart() throws IOException {
        TranscriptTailer tailer = tailer(Map.of(), true, 8);
        append(prompt("u1", "one") + "\n" + prompt("u2", "two") + "\n" + prompt("u3", "three") + "\n");
        tailer.scan();
        tailer.acknowledged(sent.getLast().batch());
        sent.clear();

        Path rotated = projects.resolve("next.tmp");
        Files.writeString(rotated, prompt("u9", "rotated in, longer than the old file's offset would skip: "
                + "x".repeat(2000)) + "\n");
        Files.move(rotated, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        tailer.changed(file);

        assertThat(texts()).singleElement().asString().startsWith("rotated in");
    }

    @Test
    void whileTheHubIsAwayReadingStopsAtTheWindowAndAReconnectSendsAgainInOrder() throws IOException {
        TranscriptTailer tailer = tailer(Map.of(), true, 2);
        for (int i = 0; i < 5; i++) {
            append(prompt("u" + i, "prompt " + i) + "\n");
            tailer.scan();
        }
        assertThat(texts()).containsExactly("prompt 0", "prompt 1");
        assertThat(tailer.inFlight()).isEqualTo(2);
        sent.clear();

        tailer.connected();
        assertThat(texts()).as("sent again on the new connection").containsExactly("prompt 0", "prompt 1");
        tailer.acknowledged(sent.get(0).batch());
        tailer.acknowledged(sent.get(1).batch());

        assertThat(texts()).as("the rest, read once the window opened").containsExactly("prompt 0", "prompt 1", "prompt 2",
                "prompt 3", "prompt 4");
    }

    @Test
    void aHundredMegabyteFileIsReadInBoundedBatches() throws IOException {
        int lines = 0;
        String padding = "y".repeat(4000);
        try (OutputStream out = Files.newOutputStream(file)) {
            while (Files.size(file) < 100L * 1024 * 1024) {
                for (int i = 0; i < 1000; i++, lines++) {
                    out.write((prompt("u" + lines, "line " + lines + " " + padding) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        }
        TranscriptTailer tailer = tailer(Map.of(), true, 4);
        tailer.scan();
        int received = 0;
        int batches = 0;
        while (!sent.isEmpty()) {
            DaemonMessage.Transcript batch = sent.removeFirst();
            assertThat(batch.entries().size()).isLessThanOrEqualTo(500);
            assertThat(batch.entries().stream().mapToInt(entry -> entry.text().length()).sum())
                    .isLessThan(2 * 1024 * 1024);
            received += batch.entries().size();
            batches++;
            tailer.acknowledged(batch.batch());
        }
        assertThat(received).isEqualTo(lines);
        assertThat(batches).isGreaterThan(lines / 500);
    }

    @Test
    void withoutOwnRunsOnlyDroverSessionsAreSentOnceTheirAgentIsKnown() throws IOException {
        java.util.Map<String, UUID> known = new java.util.HashMap<>();
        TranscriptTailer tailer = tailer(known, false, 8);
        append(prompt("u1", "typed in my own terminal or not yet known") + "\n");
        tailer.scan();
        assertThat(sent).isEmpty();

        UUID drover = UUID.randomUUID();
        known.put(SESSION, drover);
        tailer.scan();

        assertThat(texts()).containsExactly("typed in my own terminal or not yet known");
        assertThat(sent.getFirst().sessionId()).isEqualTo(drover);
    }

    @Test
    void secretsAreRedactedBeforeTheyLeave() throws IOException {
        TranscriptTailer tailer = tailer(Map.of(), true, 8);
        append(prompt("u1", "use sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123 and password: hunter2hunter") + "\n");
        tailer.scan();

        assertThat(texts()).containsExactly("use [REDACTED] and password: [REDACTED]");
    }

    private TranscriptTailer tailer(Map<String, UUID> drover, boolean ownRuns, int window) {
        Function<String, Optional<UUID>> lookup = id -> Optional.ofNullable(drover.get(id));
        TranscriptTailer.Source claude = new TranscriptTailer.Source("claude", "claude-jsonl", dir.resolve("home/.claude/projects"),
                FileSystems.getDefault().getPathMatcher("glob:" + dir.resolve("home/.claude/projects") + "/**/*.jsonl"));
        return new TranscriptTailer(List.of(claude), dir.resolve("state/offsets.json"), Redaction.of(true, List.of()), lookup,
                ownRuns, window, 500, sent::add);
    }

    private List<String> texts() {
        return sent.stream().flatMap(batch -> batch.entries().stream()).map(TranscriptEntry::text).toList();
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String prompt(String uuid, String text) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"parentUuid\":null,\"sessionId\":\"" + SESSION
                + "\",\"cwd\":\"/work/proj1\",\"timestamp\":\"2026-11-21T05:25:53.291Z\",\"message\":{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}}";
    }
}
