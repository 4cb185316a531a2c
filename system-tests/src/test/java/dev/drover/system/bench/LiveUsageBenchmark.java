package dev.drover.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.system.StateCleanup;
import dev.drover.system.SystemUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP arrival → the figure on the dashboard's event socket: a client posts a Claude Code metrics
 * export (OTLP/JSON over HTTP) to the ingest with a session's own telemetry token and times until
 * the hub's event socket ({@code /api/v1/events}) delivers that session with the new input-token
 * total. The path: ingest (auth, mapping, outbox on disk) → gRPC stream → hub (usage row,
 * commit) → NOTIFY → reload → socket. A browser adds its JSON parse and a React render (a few
 * milliseconds; the e2e {@code live.e2e.mjs} logs one whole-browser sample). Run by
 * {@code ./mvnw -B verify -Pbenchmarks}; rewrites its table in docs/benchmarks.md.
 */
@ExtendWith(StateCleanup.class)
class LiveUsageBenchmark {

    private static final int WARMUP = 30;
    private static final int SAMPLES = 300;
    private static final String SECTION = "## Live usage: OTLP arrival to the dashboard";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Change(long inputTokens, long atNanos) {
    }

    @Test
    void measureOtlpToEventSocket() throws Exception {
        String export;
        try (InputStream in = LiveUsageBenchmark.class.getClassLoader().getResourceAsStream("otlp/claude-metrics-1.json")) {
            export = new String(in.readAllBytes());
        }
        HttpClient http = HttpClient.newHttpClient();
        long[] total = new long[SAMPLES];
        long[] accepted = new long[SAMPLES];
        try (SystemUnderTest system = SystemUnderTest.start()) {
            String sessionId = system.spawnBash();
            SystemUnderTest.OtlpWiring wiring = system.otlpWiring(sessionId);
            BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
            URI events = URI.create(system.stack.hubUrl().toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + "/api/v1/events");
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + system.admin.token())
                    .buildAsync(events, new Collector(sessionId, changes))
                    .join();
            long perExport = -1;
            long expected = 0;
            for (int i = -WARMUP; i < SAMPLES; i++) {
                long start = 1_800_000_000_000_000_000L + (i + WARMUP) * 1_000_000_000L;
                String body = export.replaceAll("\"startTimeUnixNano\":\"\\d+\"", "\"startTimeUnixNano\":\"" + start + "\"")
                        .replaceAll("\"timeUnixNano\":\"\\d+\"", "\"timeUnixNano\":\"" + (start + 500_000_000L) + "\"");
                HttpRequest post = HttpRequest.newBuilder(URI.create(wiring.endpoint() + "/v1/metrics"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", wiring.authorization())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long begin = System.nanoTime();
                int status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
                long answered = System.nanoTime();
                assertThat(status).isEqualTo(200);
                Change seen = awaitAbove(changes, expected);
                if (perExport < 0) {
                    perExport = seen.inputTokens();
                }
                expected += perExport;
                assertThat(seen.inputTokens()).as("sample %d", i).isEqualTo(expected);
                if (i >= 0) {
                    total[i] = seen.atNanos() - begin;
                    accepted[i] = answered - begin;
                }
                Thread.sleep(20);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        Percentiles all = Percentiles.of(total);
        Percentiles ingest = Percentiles.of(accepted);
        String table = String.format(Locale.ROOT, """
                | measured | p50 | p99 | max | target |
                |---|---|---|---|---|
                | OTLP POST sent → session event received on `/api/v1/events` | %.1f ms | %.1f ms | %.1f ms | p99 ≤ 250 ms: %s |
                | of which: the ingest's answer to the POST | %.1f ms | %.1f ms | %.1f ms | – |""",
                all.micros(50) / 1000, all.micros(99) / 1000, all.micros(100) / 1000, all.micros(99) <= 250_000 ? "met" : "**not met**",
                ingest.micros(50) / 1000, ingest.micros(99) / 1000, ingest.micros(100) / 1000);
        System.out.println(table);
        Path report = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize().resolve("docs/benchmarks.md");
        String existing = Files.readString(report);
        int start = existing.indexOf(SECTION);
        assertThat(start).as("docs/benchmarks.md has a section '" + SECTION + "'").isNotNegative();
        int tableStart = existing.indexOf("| measured |", start);
        int tableEnd = existing.indexOf("\n\n", tableStart);
        String stamp = "\n\n" + SAMPLES + " samples after " + WARMUP + " warm-up ones, " + LocalDate.now(ZoneOffset.UTC) + ", "
                + Machine.describe() + ".";
        int stampEnd = existing.indexOf("\n\n", tableEnd + 2);
        Files.writeString(report, existing.substring(0, tableStart) + table + stamp + existing.substring(stampEnd));
    }

    private static Change awaitAbove(BlockingQueue<Change> changes, long previous) throws InterruptedException {
        while (true) {
            Change change = changes.poll(10, TimeUnit.SECONDS);
            assertThat(change).as("a session event within 10 s").isNotNull();
            if (change.inputTokens() > previous) {
                return change;
            }
        }
    }

    /** Queues the input-token totals of one session's events with the time each arrived. */
    private static final class Collector implements WebSocket.Listener {

        private final String sessionId;
        private final BlockingQueue<Change> changes;
        private final StringBuilder text = new StringBuilder();

        Collector(String sessionId, BlockingQueue<Change> changes) {
            this.sessionId = sessionId;
            this.changes = changes;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            text.append(data);
            socket.request(1);
            if (!last) {
                return null;
            }
            try {
                JsonNode message = JSON.readTree(text.toString());
                text.setLength(0);
                JsonNode session = message.path("session");
                if (message.path("type").asText().equals("session") && session.path("id").asText().equals(sessionId)) {
                    changes.add(new Change(session.path("usage").path("inputTokens").asLong(), at));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        }
    }
}
