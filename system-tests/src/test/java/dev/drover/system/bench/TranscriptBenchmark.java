package dev.drover.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.postgres.PostgresServer;
import dev.drover.system.StateCleanup;
import dev.drover.system.SystemUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation archive (docs/conversations.md): (1) a Claude transcript line appended on the host
 * until a search on the hub finds it (the daemon's watch, parse, redaction, the daemon link, the
 * hub's ingest and commit; polled every 5 ms), and (2) searches over 1,000,000 messages generated
 * with SQL (words drawn with a skewed distribution, as in real text: a few words are very common,
 * most are rare). Run by {@code ./mvnw -B verify -Pbenchmarks}; rewrites its table in docs/benchmarks.md.
 */
@ExtendWith(StateCleanup.class)
class TranscriptBenchmark {

    private static final int WARMUP = 20;
    private static final int SAMPLES = 200;
    private static final int MESSAGES = 1_000_000;
    private static final int QUERIES = 100;
    private static final String SECTION = "## Conversation archive: sync and search";

    @Test
    void measureSyncAndSearch() throws Exception {
        long[] sync = new long[SAMPLES];
        long[] rare = new long[QUERIES];
        long[] common = new long[QUERIES / 5];
        long rareMatches = 0;
        long commonMatches = 0;
        try (SystemUnderTest system = SystemUnderTest.start()) {
            Path projects = Files.createDirectories(system.state.resolve("transcripts/projects/-bench"));
            // The daemon follows a profile override's location (read again when it changes), not the machine's $HOME.
            Files.createDirectories(system.state.resolve("daemon-profiles"));
            Files.writeString(system.state.resolve("daemon-profiles/claude.yaml"), "id: claude\ntranscripts:\n  paths: ['"
                    + system.state.resolve("transcripts/projects") + "/**/*.jsonl']\n  format: claude-jsonl\n");
            String session = UUID.randomUUID().toString();
            Path file = projects.resolve(session + ".jsonl");
            String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            for (int i = -WARMUP; i < SAMPLES; i++) {
                String word = "bench" + run + "w" + (i + WARMUP);
                long start = System.nanoTime();
                Files.writeString(file, line(session, "u" + i, "please look at " + word + " now") + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                long deadline = start + 30_000_000_000L;
                while (system.admin.call("GET", "/api/v1/search?q=" + word, null).path("total").asLong() == 0) {
                    assertThat(System.nanoTime()).as("line %d searchable within 30 s", i).isLessThan(deadline);
                    Thread.sleep(5);
                }
                if (i >= 0) {
                    sync[i] = System.nanoTime() - start;
                }
                Thread.sleep(20);
            }

            String hostId = system.hostId(SystemUnderTest.HOST);
            try (Connection db = PostgresServer.forTests().connect(system.databaseName()); Statement sql = db.createStatement()) {
                generate(sql, hostId);
            }
            for (int i = 0; i < QUERIES; i++) {
                // ranks 2000–4999 of the skewed vocabulary: a few hundred matches each, a specific term
                String word = "word" + (2000 + (i * 29) % 3000);
                long start = System.nanoTime();
                JsonNode found = system.admin.call("GET", "/api/v1/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8), null);
                rare[i] = System.nanoTime() - start;
                rareMatches += found.path("total").asLong();
            }
            for (int i = 0; i < common.length; i++) {
                String word = "word" + (i % 5);
                long start = System.nanoTime();
                JsonNode found = system.admin.call("GET", "/api/v1/search?q=" + word, null);
                common[i] = System.nanoTime() - start;
                commonMatches += found.path("total").asLong();
            }
        }
        Percentiles syncs = Percentiles.of(sync);
        Percentiles rares = Percentiles.of(rare);
        Percentiles commons = Percentiles.of(common);
        String table = String.format(Locale.ROOT, """
                | measured | p50 | p95 | p99 | max | target |
                |---|---|---|---|---|---|
                | transcript line appended on the host → found by `/api/v1/search` | %.0f ms | %.0f ms | %.0f ms | %.0f ms | p99 ≤ 1 s: %s |
                | search over %,d messages, specific word (%,d matches on average) | %.0f ms | %.0f ms | %.0f ms | %.0f ms | p95 ≤ 200 ms: %s |
                | search over %,d messages, very common word (%,d matches on average) | %.0f ms | %.0f ms | %.0f ms | %.0f ms | – |""",
                syncs.micros(50) / 1000, syncs.micros(95) / 1000, syncs.micros(99) / 1000, syncs.micros(100) / 1000,
                syncs.micros(99) <= 1_000_000 ? "met" : "**not met**",
                MESSAGES, rareMatches / QUERIES, rares.micros(50) / 1000, rares.micros(95) / 1000, rares.micros(99) / 1000,
                rares.micros(100) / 1000, rares.micros(95) <= 200_000 ? "met" : "**not met**",
                MESSAGES, commonMatches / common.length, commons.micros(50) / 1000, commons.micros(95) / 1000,
                commons.micros(99) / 1000, commons.micros(100) / 1000);
        System.out.println(table);
        Path report = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize().resolve("docs/benchmarks.md");
        String existing = Files.readString(report);
        int start = existing.indexOf(SECTION);
        assertThat(start).as("docs/benchmarks.md has a section '" + SECTION + "'").isNotNegative();
        int tableStart = existing.indexOf("| measured |", start);
        int tableEnd = existing.indexOf("\n\n", tableStart);
        String stamp = "\n\n" + SAMPLES + " lines after " + WARMUP + " warm-up ones; " + QUERIES + " specific and " + common.length
                + " common searches, each through the REST API as an admin; " + LocalDate.now(ZoneOffset.UTC) + ", " + Machine.describe() + ".";
        int stampEnd = existing.indexOf("\n\n", tableEnd + 2);
        Files.writeString(report, existing.substring(0, tableStart) + table + stamp
                + (stampEnd < 0 ? "\n" : existing.substring(stampEnd)));
    }

    /**
     * 1,000 conversations of 1,000 messages each: 20 words per message from a vocabulary of 5,000
     * ({@code word0} … {@code word4999}), word {@code k} drawn with a probability falling with its rank
     * (cubed uniform), so {@code word0} is in about a third of the messages and {@code word3000} in a few hundred.
     * The search index is built after the rows, as a restore would.
     */
    private static void generate(Statement sql, String hostId) throws Exception {
        sql.execute("DROP INDEX conversation_message_search");
        sql.execute("INSERT INTO conversation (id, host_id, agent, agent_session_id, project, title, started_at, updated_at) "
                + "SELECT gen_random_uuid(), '" + hostId + "', 'claude', 'bench-' || c, '/srv/bench/' || (c % 20), 'bench ' || c, "
                + "now() - interval '30 days', now() FROM generate_series(1, " + MESSAGES / 1000 + ") c");
        sql.execute("INSERT INTO conversation_message (conversation_id, seq, entry_key, role, kind, text, at) "
                + "SELECT c.id, m, 'k' || m, CASE WHEN m % 2 = 0 THEN 'assistant' ELSE 'user' END, 'text', "
                + "(SELECT string_agg('word' || floor(5000 * power(random(), 3))::int, ' ') FROM generate_series(1, 20) w "
                + "WHERE w > m * 0), now() - (m || ' seconds')::interval "
                + "FROM conversation c CROSS JOIN generate_series(1, 1000) m WHERE c.agent_session_id LIKE 'bench-%'");
        sql.execute("CREATE INDEX conversation_message_search ON conversation_message USING gin (search)");
        sql.execute("ANALYZE conversation_message");
        sql.execute("ANALYZE conversation");
    }

    private static String line(String session, String uuid, String text) {
        return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"parentUuid\":null,\"sessionId\":\"" + session
                + "\",\"cwd\":\"/srv/bench\",\"timestamp\":\"2026-12-07T10:00:00.000Z\",\"message\":{\"role\":\"user\",\"content\":\""
                + text + "\"}}";
    }
}
