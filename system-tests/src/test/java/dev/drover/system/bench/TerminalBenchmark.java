package dev.drover.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import dev.drover.cli.stack.LocalStack;
import dev.drover.cli.stack.ServiceJvm;
import dev.drover.system.StateCleanup;
import dev.drover.system.SystemUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal benchmarks of docs/benchmarks.md, through the real hub and daemon (each its own
 * process) with a raw PTY measured in the same run as the baseline. Run with
 * {@code ./mvnw -B verify -Pbenchmarks}; it rewrites docs/benchmarks.md.
 */
@ExtendWith(StateCleanup.class)
class TerminalBenchmark {

    private static final int WARMUP = 300;
    private static final int ECHOES = 2000;
    private static final int BUSY_SESSIONS = 100;
    /** A busy agent: a status line of about 60 bytes every 100 ms, like a streaming answer. */
    private static final String BUSY_SCRIPT =
            "while :; do echo \"step $SECONDS: reading files, thinking, writing a patch $RANDOM\"; sleep 0.1; done";
    private static final long THROUGHPUT_BYTES = 200_000_000L;
    private static final int REATTACHES = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void measureAndWriteDocsBenchmarks() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (SystemUnderTest system = SystemUnderTest.start()) {
            LocalStack stack = system.stack;
            HubClient admin = system.admin;
            String hostId = system.hostId(SystemUnderTest.HOST);
            Percentiles raw = Percentiles.of(RawPty.echo(WARMUP, ECHOES));
            Percentiles idle = Percentiles.of(echoThroughDrover(stack, admin, hostId));
            Percentiles pings = Percentiles.of(pingsToHub(stack, admin, hostId));
            Percentiles tmuxPipe;
            Percentiles tmuxOutput;
            try (TmuxAlone tmux = TmuxAlone.start()) {
                tmuxPipe = Percentiles.of(tmux.echoThroughPipePane(WARMUP, ECHOES));
                tmuxOutput = Percentiles.of(tmux.echoThroughControlOutput(WARMUP, ECHOES));
            }
            long hubIdle = stack.hub().residentBytes();
            long daemonIdle = stack.daemon().residentBytes();

            for (int i = 0; i < BUSY_SESSIONS; i++) {
                spawn(admin, hostId, BUSY_SCRIPT);
            }
            Thread.sleep(3000);
            Percentiles rawBusy = Percentiles.of(RawPty.echo(WARMUP, ECHOES));
            Percentiles busy = Percentiles.of(echoThroughDrover(stack, admin, hostId));
            long hubBusy = stack.hub().residentBytes();
            long daemonBusy = stack.daemon().residentBytes();
            for (JsonNode session : admin.call("GET", "/api/v1/sessions?state=running", null)) {
                stop(admin, session.path("id").asText());
            }
            Thread.sleep(3000);

            double rawRate = RawPty.throughput(THROUGHPUT_BYTES);
            double tmuxRate;
            try (TmuxAlone tmux = TmuxAlone.start()) {
                tmuxRate = tmux.throughput(THROUGHPUT_BYTES);
            }
            double droverRate = throughputThroughDrover(stack, admin, hostId);
            Reattach reattach = reattachWithScrollback(stack, admin, hostId);

            rows.add(new Row("Keystroke echo p50, idle", "≤ 180 µs", micros(idle.micros(50)), idle.micros(50) <= 180,
                    "raw PTY in the same run: " + micros(raw.micros(50))));
            rows.add(new Row("Keystroke echo p99, idle", "≤ 500 µs", micros(idle.micros(99)), idle.micros(99) <= 500,
                    "raw PTY in the same run: " + micros(raw.micros(99))));
            rows.add(new Row("Keystroke echo p50, " + BUSY_SESSIONS + " busy sessions", "–", micros(busy.micros(50)), true,
                    "each busy session prints a 60-byte line every 100 ms; raw PTY under the same load: "
                            + micros(rawBusy.micros(50))));
            rows.add(new Row("Keystroke echo p99, " + BUSY_SESSIONS + " busy sessions", "≤ 600 µs",
                    micros(busy.micros(99)), busy.micros(99) <= 600, "raw PTY under the same load: " + micros(rawBusy.micros(99))));
            rows.add(new Row("One session's output to a viewer", "≥ 80 % of raw PTY",
                    rate(droverRate, rawRate),
                    droverRate >= 0.8 * rawRate,
                    String.format(Locale.ROOT, "raw PTY in the same run: %.1f MB/s; %d MB of `tr` output",
                            rawRate / 1e6, THROUGHPUT_BYTES / 1_000_000)));
            rows.add(new Row("Reattach with 10 MB of scrollback: first screen", "≤ 150 ms",
                    millis(reattach.screens().micros(50) * 1000), reattach.screens().micros(50) <= 150_000,
                    "`from=screen`; median of " + REATTACHES + ", slowest " + millis(reattach.screens().micros(100) * 1000)
                            + ", the first after start " + millis(reattach.firstScreen())));
            rows.add(new Row("Reattach with 10 MB of scrollback: full replay", "≤ 500 ms",
                    millis(reattach.replays().micros(50) * 1000), reattach.replays().micros(50) <= 500_000,
                    "`from=0` until the last byte; median of " + REATTACHES + ", slowest "
                            + millis(reattach.replays().micros(100) * 1000) + ", the first after start "
                            + millis(reattach.firstReplay())));
            rows.add(new Row("Hub resident memory, idle", "≤ 350 MB", mb(hubIdle), hubIdle <= 350_000_000L,
                    "JVM, heap bound " + ServiceJvm.HUB.maxHeap()));
            rows.add(new Row("Daemon resident memory, idle", "≤ 120 MB", mb(daemonIdle), daemonIdle <= 120_000_000L,
                    "JVM, heap bound " + ServiceJvm.DAEMON.maxHeap()));
            rows.add(new Row("Hub resident memory, " + BUSY_SESSIONS + " sessions", "–", mb(hubBusy), true, ""));
            rows.add(new Row("Daemon resident memory, " + BUSY_SESSIONS + " sessions", "–", mb(daemonBusy), true, ""));
            List<Part> parts = List.of(
                    new Part("One network hop: WebSocket ping to the hub and its pong", latencies(pings),
                            "answered by the hub's WebSocket layer; Drover's echo crosses two such hops each way (viewer–hub, hub–daemon)"),
                    new Part("tmux alone: keystroke echo, read as the daemon reads it", latencies(tmuxPipe),
                            "`send-keys -H` on a control client in, `pipe-pane -O` → `cat` → FIFO out"),
                    new Part("tmux alone: keystroke echo, read from `%output`", latencies(tmuxOutput),
                            "`send-keys -H` in, a control client's `%output` out"),
                    new Part("Sum of the parts' medians", micros(2 * pings.micros(50) + tmuxPipe.micros(50)),
                            "two hops plus tmux as the daemon reads it, against the echo target of 180 µs"),
                    new Part("tmux alone: output rate", rate(tmuxRate, rawRate),
                            "the same 200 MB through a pane whose `pipe-pane` writes to `/dev/null`; raw PTY: "
                                    + String.format(Locale.ROOT, "%.1f MB/s", rawRate / 1e6)));
            writeReport(system.home.resolve("docs/benchmarks.md"), rows, parts);
        }
    }

    private long[] pingsToHub(LocalStack stack, HubClient admin, String hostId) throws Exception {
        try (Spawned session = spawned(admin, hostId, "exec cat")) {
            return EchoProbe.pings(stack.hubUrl(), session.id(), admin.token(), WARMUP, ECHOES);
        }
    }

    private long[] echoThroughDrover(LocalStack stack, HubClient admin, String hostId) throws Exception {
        try (Spawned session = spawned(admin, hostId, "stty raw -echo; printf R; exec cat")) {
            return EchoProbe.measure(stack.hubUrl(), session.id(), admin.token(), WARMUP, ECHOES);
        }
    }

    private double throughputThroughDrover(LocalStack stack, HubClient admin, String hostId) {
        try (Spawned session = spawned(admin, hostId, "read -r _; head -c " + THROUGHPUT_BYTES + " /dev/zero | tr '\\0' a; sleep 600");
                BenchViewer viewer = BenchViewer.attach(stack.hubUrl(), session.id(), "0", admin.token())) {
            viewer.type(new byte[] { '\r' });
            assertThat(viewer.awaitNext(THROUGHPUT_BYTES, TIMEOUT))
                    .as("all %d bytes arrived (%d did; socket closed: %s)", THROUGHPUT_BYTES, viewer.next(), viewer.closeReason())
                    .isTrue();
            long end = System.nanoTime();
            return viewer.next() / ((end - viewer.firstByteNanos()) / 1e9);
        }
    }

    /**
     * Nanoseconds to the first screen ({@code from=screen}) and to the full replay ({@code from=0}),
     * {@link #REATTACHES} times each: the first attach after the services started runs code the JIT
     * has not compiled yet, later ones are what a user reattaching to a running system sees.
     */
    private Reattach reattachWithScrollback(LocalStack stack, HubClient admin, String hostId) throws InterruptedException {
        try (Spawned session = spawned(admin, hostId, "head -c 7500000 /dev/urandom | base64; echo SCROLLBACK-DONE; sleep 600")) {
            return reattach(stack, admin, session.id());
        }
    }

    private Reattach reattach(LocalStack stack, HubClient admin, String sessionId) throws InterruptedException {
        long end;
        try (BenchViewer writer = BenchViewer.attach(stack.hubUrl(), sessionId, "0", admin.token())) {
            assertThat(writer.awaitNext(10_000_000, TIMEOUT)).isTrue();
            Thread.sleep(1000);
            end = writer.next();
        }
        long[] screens = new long[REATTACHES];
        long[] replays = new long[REATTACHES];
        for (int i = 0; i < REATTACHES; i++) {
            try (BenchViewer viewer = BenchViewer.attach(stack.hubUrl(), sessionId, "screen", admin.token())) {
                assertThat(viewer.awaitNext(end, TIMEOUT)).isTrue();
                screens[i] = viewer.screenAfterNanos();
            }
            try (BenchViewer viewer = BenchViewer.attach(stack.hubUrl(), sessionId, "0", admin.token())) {
                assertThat(viewer.awaitNext(end, TIMEOUT)).isTrue();
                replays[i] = System.nanoTime() - viewer.connectStarted();
            }
        }
        return new Reattach(Percentiles.of(screens), screens[0], Percentiles.of(replays), replays[0]);
    }

    /** Reattach times in nanoseconds: all of them, and the first (cold) one. */
    private record Reattach(Percentiles screens, long firstScreen, Percentiles replays, long firstReplay) {
    }

    /** A session the benchmark started; closing it stops it. */
    private record Spawned(HubClient admin, String id) implements AutoCloseable {
        @Override
        public void close() {
            stop(admin, id);
        }
    }

    private static Spawned spawned(HubClient admin, String hostId, String script) {
        return new Spawned(admin, spawn(admin, hostId, script));
    }

    private static void stop(HubClient admin, String sessionId) {
        admin.call("POST", "/api/v1/sessions/" + sessionId + "/stop", null);
    }

    private static String spawn(HubClient admin, String hostId, String script) {
        JsonNode session = admin.call("POST", "/api/v1/sessions", Map.of(
                "hostId", hostId,
                "command", List.of("bash", "--noprofile", "--norc", "-c", script),
                "cols", 120,
                "rows", 40));
        return session.path("id").asText();
    }

    private record Row(String metric, String target, String measured, boolean met, String note) {
    }

    /** What one part of the path costs on its own, measured in the same run. */
    private record Part(String part, String measured, String note) {
    }

    private static void writeReport(Path existing, List<Row> rows, List<Part> parts) throws IOException, InterruptedException {
        StringBuilder report = new StringBuilder();
        report.append("# Benchmarks\n\n")
                .append("Written by `./mvnw -B verify -Pbenchmarks` (system-tests, `TerminalBenchmark`): hub, ingest and\n")
                .append("daemon run as separate processes on one machine, PostgreSQL as in the tests. Echo is measured\n")
                .append("by a Vert.x WebSocket client that sends the next key from the event loop that received the\n")
                .append("echo; throughput and reattach by a JDK WebSocket client that acknowledges every frame; the raw\n")
                .append("PTY baseline is pty4j in the same test JVM. The daemon keeps 256 MiB of log per session\n")
                .append("(64 MiB by default) so that a viewer slower than tmux still receives all 200 MB.\n\n")
                .append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n')
                .append("- Machine: ").append(machine()).append('\n')
                .append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n')
                .append("- Samples: ").append(ECHOES).append(" echoes after ").append(WARMUP).append(" warm-up ones\n\n")
                .append("| metric | target | measured | met | notes |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            report.append("| ").append(row.metric()).append(" | ").append(row.target()).append(" | ")
                    .append(row.measured()).append(" | ").append(row.target().equals("–") ? "–" : row.met() ? "yes" : "**no**")
                    .append(" | ").append(row.note()).append(" |\n");
        }
        report.append("\nWhat the parts cost on their own, in the same run:\n\n| part | measured | notes |\n|---|---|---|\n");
        for (Part part : parts) {
            report.append("| ").append(part.part()).append(" | ").append(part.measured()).append(" | ").append(part.note()).append(" |\n");
        }
        String analysis = Files.exists(existing) ? Files.readString(existing) : "";
        int kept = analysis.indexOf("\n## Analysis");
        report.append(kept >= 0 ? analysis.substring(kept) : "\n## Analysis\n\n(Explain here which targets are not met and why.)\n");
        Files.writeString(existing, report.toString());
    }

    private static String machine() throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        long memory = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "")) / 1024 / 1024;
        return Runtime.getRuntime().availableProcessors() + " × " + cpu + ", " + memory + " GiB";
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, "%.0f µs", value);
    }

    private static String latencies(Percentiles percentiles) {
        return "p50 " + micros(percentiles.micros(50)) + ", p99 " + micros(percentiles.micros(99));
    }

    private static String rate(double bytesPerSecond, double rawRate) {
        return String.format(Locale.ROOT, "%.1f MB/s (%.0f %%)", bytesPerSecond / 1e6, 100 * bytesPerSecond / rawRate);
    }

    private static String millis(double nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
