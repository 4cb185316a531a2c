package dev.drover.daemon.session.tmux;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static dev.drover.daemon.session.SessionTestSupport.readAll;
import static dev.drover.daemon.session.SessionTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLog;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.TestConfig;
import dev.drover.daemon.shell.BashIntegration;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tmux keeper against a real, private tmux server (one socket per test). */
class TmuxKeeperTest {

    @TempDir
    Path stateDir;

    SessionRegistry sessions;

    private SessionRegistry registry() {
        return new TestConfig(stateDir, DaemonConfig.KeeperKind.TMUX, 8L << 20, 64L << 20, 4L << 30).registry();
    }

    @AfterEach
    void killServer() throws Exception {
        if (sessions != null) {
            sessions.tmux().orElseThrow().killServer();
            sessions.detach();
        }
    }

    @Test
    void bashEchoesInputAndItsExitCodeIsRecorded() throws Exception {
        sessions = registry();
        assertThat(sessions.keeper()).isEqualTo("tmux");
        RunningSession session = sessions.spawn(spawn(List.of("bash", "--norc", "--noprofile"), Map.of("PS1", "$ ")));
        session.write("echo drover-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
        await(() -> text(session.log()).contains("drover-42\r\n"), Duration.ofSeconds(10));
        session.write("exit 5\n".getBytes(StandardCharsets.UTF_8));
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(session.log().exitCode()).isEqualTo(5);
        Path meta = stateDir.resolve("sessions").resolve(session.id().toString()).resolve("meta.json");
        await(() -> read(meta).contains("\"exitCode\":5"), Duration.ofSeconds(5));
        assertThat(read(meta)).contains("\"keeper\":\"tmux\"");
    }

    @Test
    void everyInputByteReachesTheApplicationUnchanged() throws Exception {
        sessions = registry();
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "stty raw -echo; head -c 6 | od -An -tx1"), Map.of()));
        Thread.sleep(300);
        session.write(new byte[] {0x03, 0x1b, (byte) 0xff, (byte) 0xc3, (byte) 0xa9, 0x0d});
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(text(session.log())).contains("03 1b ff c3 a9 0d");
    }

    @Test
    void keystrokesTypedRightAfterALongPasteArriveAfterIt() throws Exception {
        sessions = registry();
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "stty raw -echo; head -c 3005 | tail -c 10"), Map.of()));
        Thread.sleep(300);
        session.write("p".repeat(3000).getBytes(StandardCharsets.UTF_8));
        for (char key : "12345".toCharArray()) {
            session.write(new byte[] {(byte) key});
        }
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(text(session.log())).contains("ppppp12345");
    }

    @Test
    void everyByteValueOfAPasteReachesTheApplicationUnchanged() throws Exception {
        sessions = registry();
        byte[] paste = new byte[256 * 40];
        for (int i = 0; i < paste.length; i++) {
            paste[i] = (byte) i;
        }
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c",
                "stty raw -echo; head -c " + paste.length + " | sha256sum"), Map.of()));
        Thread.sleep(300);
        assertThat(session.write(paste)).succeedsWithin(Duration.ofSeconds(10));
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(text(session.log())).contains(sha256(paste));
    }

    /**
     * Regression: 20,000 input frames of 1 KiB in a few seconds wedged the daemon, because its event
     * loop wrote keystrokes to tmux with a blocking write while tmux was behind (one key at a time,
     * about 30 KB/s). Now a flood of one pane is pasted through the command thread, and another
     * pane's keystrokes take turns with it.
     */
    @Test
    void anInputFloodArrivesWholeWhileAnotherSessionStillEchoes() throws Exception {
        sessions = registry();
        Path file = stateDir.resolve("flood");
        RunningSession flooded = sessions.spawn(spawn(List.of("bash", "-c", "stty -echo; cat > " + file), Map.of()));
        RunningSession other = sessions.spawn(spawn(List.of("bash", "--norc", "--noprofile"), Map.of("PS1", "$ ")));
        Thread.sleep(300);
        byte[] frame = ("f".repeat(1023) + "\n").getBytes(StandardCharsets.UTF_8);
        int frames = 5000;
        List<CompletionStage<Void>> taken = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            taken.add(flooded.write(frame));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("writing never waits").isLessThan(2000);
        long slowestEcho = 0;
        for (int i = 0; i < 5; i++) {
            long sent = System.nanoTime();
            String marker = "echo-" + i + "-" + (i * 7);
            other.write(("echo echo-" + i + "-$((" + i + "*7))\n").getBytes(StandardCharsets.UTF_8));
            await(() -> text(other.log()).contains(marker + "\r\n"), Duration.ofSeconds(10));
            slowestEcho = Math.max(slowestEcho, System.nanoTime() - sent);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowestEcho)).as("echo of another session during the flood").isLessThan(2000);
        for (CompletionStage<Void> stage : taken) {
            assertThat(stage.toCompletableFuture()).succeedsWithin(Duration.ofSeconds(120));
        }
        await(() -> file.toFile().length() == (long) frames * frame.length, Duration.ofSeconds(60));
    }

    @Test
    void argvWithShellMetacharactersIsPassedLiterally() throws Exception {
        sessions = registry();
        Path pwned = stateDir.resolve("pwned");
        List<String> args = List.of("printf", "[%s]", "$(touch " + pwned + ")", "a;", "b\\;", ";", "'q\"", "#{pane_id}", "`id`");
        RunningSession session = sessions.spawn(spawn(args, Map.of("DROVER_X", "v;")));
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(text(session.log())).isEqualTo("[$(touch " + pwned + ")][a;][b\\;][;]['q\"][#{pane_id}][`id`]");
        assertThat(session.log().exitCode()).isZero();
        assertThat(pwned).doesNotExist();
    }

    @Test
    void tenMegabytesOfOutputArriveByteForByte() throws Exception {
        sessions = registry();
        Path copy = stateDir.resolve("copy");
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c",
                "stty raw -echo; head -c 7500000 /dev/urandom | base64 -w 0 | tee " + copy), Map.of()));
        await(() -> !session.alive(), Duration.ofSeconds(60));
        assertThat(session.log().end()).isEqualTo(Files.size(copy));
        assertThat(sha256(readAll(session.log(), 0))).isEqualTo(sha256(Files.readAllBytes(copy)));
        assertThat(Files.list(session.log().dir()).count()).isEqualTo(2);
    }

    /**
     * Regression: interactive shells and their launch wrappers outlived a killed tmux server; so did
     * a companion shell ("Shell here": bash with Drover's integration, in a process group of its own)
     * busy with a command that ignores hang-ups, and that command: the hang-up reaches only the
     * terminal's session leader and then its foreground process group, which is the command's.
     */
    @Test
    void nothingOutlivesTheTmuxServer() throws Exception {
        sessions = registry();
        RunningSession shell = sessions.spawn(spawn(List.of("bash", "--noprofile", "--norc"), Map.of()));
        List<String> companionShell = new BashIntegration(new TestConfig(stateDir)).argv(List.of("bash"));
        assertThat(companionShell).contains("--rcfile");
        RunningSession busy = sessions.spawn(spawn(companionShell, Map.of()));
        RunningSession withJob = sessions.spawn(spawn(companionShell, Map.of()));
        Thread.sleep(500);
        busy.write("bash --norc -c 'trap \"\" HUP; sleep 1000; :'\r".getBytes(StandardCharsets.UTF_8));
        withJob.write("sleep 1000 &\r".getBytes(StandardCharsets.UTF_8));
        await(() -> processes(shell).size() >= 2 && runsSleep(busy) && runsSleep(withJob), Duration.ofSeconds(10));
        List<ProcessHandle> processes = new java.util.ArrayList<>(processes(shell));
        processes.addAll(processes(busy));
        processes.addAll(processes(withJob));
        assertThat(processes).hasSizeGreaterThanOrEqualTo(9);
        sessions.tmux().orElseThrow().killServer();
        await(() -> processes.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5));
    }

    /**
     * Whether a {@code sleep} runs under the session's launch wrapper. Counting processes instead
     * also counted the short-lived children of the companion shell's prompt hooks, so the test went
     * on before the typed command had started when the machine was busy.
     */
    private static boolean runsSleep(RunningSession session) {
        return processes(session).stream()
                .anyMatch(process -> process.info().command().filter(command -> command.endsWith("/sleep")).isPresent());
    }

    /** A session's launch wrapper and every process under it. */
    private static List<ProcessHandle> processes(RunningSession session) {
        List<ProcessHandle> processes = new java.util.ArrayList<>();
        ProcessHandle.of(session.pid()).ifPresent(wrapper -> {
            processes.add(wrapper);
            wrapper.descendants().forEach(processes::add);
        });
        return processes;
    }

    /** Regression: the last bytes were lost when the launch wrapper exited and the terminal was hung up. */
    @Test
    void everyByteOfCommandsThatPrintAndExitAtOnceArrivesEvenWhenManyDoAtOnce() throws Exception {
        sessions = registry();
        List<RunningSession> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(sessions.spawn(spawn(List.of("bash", "-c", "stty raw -echo; seq -w 1 250000 | tr '\\n' ' '"),
                    Map.of())));
        }
        for (RunningSession session : burst) {
            await(() -> !session.alive(), Duration.ofSeconds(60));
            assertThat(session.log().end()).as("bytes of session %s", session.id()).isEqualTo(1_750_000);
            assertThat(text(session.log())).endsWith(" 249999 250000 ");
        }
    }

    @Test
    void aSessionSurvivesTheDaemonAndIsReadoptedWithNoGapInItsLog() throws Exception {
        sessions = registry();
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c",
                "for i in $(seq 1 400); do echo line-$i; sleep 0.005; done; exit 3"), Map.of()));
        UUID id = session.id();
        await(() -> text(session.log()).contains("line-20\r\n"), Duration.ofSeconds(10));
        sessions.detach();
        long endBeforeRestart = session.log().end();
        Thread.sleep(300);

        sessions = registry();
        SessionReport report = sessions.reports().stream().filter(r -> r.sessionId().equals(id)).findFirst().orElseThrow();
        assertThat(report.state()).isEqualTo(SessionRunState.RUNNING);
        assertThat(report.logEnd()).isGreaterThan(endBeforeRestart);
        SessionLog log = sessions.log(id).orElseThrow();
        await(log::finished, Duration.ofSeconds(20));
        assertThat(log.exitCode()).isEqualTo(3);
        String[] lines = text(log).split("\r\n");
        assertThat(lines).hasSize(400);
        for (int i = 0; i < 400; i++) {
            assertThat(lines[i]).isEqualTo("line-" + (i + 1));
        }
    }

    @Test
    void aSessionThatExitedWhileTheDaemonWasAwayIsReportedExitedWithItsCode() throws Exception {
        sessions = registry();
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "sleep 0.5; printf done; exit 9"), Map.of()));
        sessions.detach();
        Thread.sleep(1_000);
        sessions = registry();
        assertThat(sessions.reports()).extracting(SessionReport::sessionId, SessionReport::state, SessionReport::logEnd,
                SessionReport::exitCode).containsExactly(org.assertj.core.api.Assertions.tuple(session.id(),
                        SessionRunState.EXITED, 4L, 9));
    }

    @Test
    void environmentValuesReachTheSessionButNeverAProcessArgumentList() throws Exception {
        sessions = registry();
        String secret = "tok-" + UUID.randomUUID();
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c",
                "ps -eo args > " + stateDir.resolve("ps.txt") + "; printf %s \"$DROVER_SECRET\""), Map.of("DROVER_SECRET", secret)));
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(text(session.log())).isEqualTo(secret);
        assertThat(Files.readString(stateDir.resolve("ps.txt"))).contains("printf").doesNotContain(secret);
        try (var files = Files.list(stateDir.resolve("sessions").resolve(session.id().toString()))) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("launch.env");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DaemonMessage.Spawn spawn(List<String> command, Map<String, String> env) {
        return new DaemonMessage.Spawn("r", UUID.randomUUID(), command, null, env, 100, 30);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
