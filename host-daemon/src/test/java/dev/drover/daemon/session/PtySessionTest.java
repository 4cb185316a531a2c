package dev.drover.daemon.session;

import static dev.drover.daemon.session.SessionTestSupport.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionRunState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtySessionTest {

    @TempDir
    Path stateDir;

    SessionRegistry sessions;
    /** Sessions whose exit the registry has fully recorded (log finished, meta.json written). */
    final java.util.Set<UUID> exited = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @org.junit.jupiter.api.AfterEach
    void detach() {
        sessions.detach();
    }

    @BeforeEach
    void registry() {
        sessions = new TestConfig(stateDir).registry();
        sessions.onExit(session -> exited.add(session.id()));
    }

    @Test
    void inputReachesBashAndItsOutputLandsInTheLog() throws Exception {
        RunningSession session = sessions.spawn(spawn(List.of("bash", "--norc", "--noprofile"), null));
        String marker = "drover-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        session.write(("echo " + marker + "\n").getBytes(StandardCharsets.UTF_8));
        await(() -> logText(session).contains(marker + "\r\n"), Duration.ofSeconds(10));
        session.write("exit 0\n".getBytes(StandardCharsets.UTF_8));
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        assertThat(session.log().exitCode()).isZero();
    }

    @Test
    void keystrokesTypedRightAfterALongPasteArriveAfterIt() throws Exception {
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "stty raw -echo; head -c 3005 | tail -c 10"), null));
        Thread.sleep(300);
        session.write("p".repeat(3000).getBytes(StandardCharsets.UTF_8));
        for (char key : "12345".toCharArray()) {
            session.write(new byte[] {(byte) key});
        }
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        assertThat(logText(session)).contains("ppppp12345");
    }

    /** The daemon's log held each session's full command line, and arguments carry prompts and secrets. */
    @Test
    void theDaemonLogsTheProgramButNotTheArgumentsOfASession() throws Exception {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SessionRegistry.class.getName());
        logger.addHandler(capture);
        try {
            RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "exit 0", "fix the bug; token sk-secret-42"), null));
            await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("started under").contains("bash with 3 arguments"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("sk-secret-42"));
    }

    @Test
    void theExitCodeOfTheProcessIsRecorded() throws Exception {
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "exit 3"), null));
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        assertThat(session.log().exitCode()).isEqualTo(3);
        Path meta = stateDir.resolve("sessions").resolve(session.id().toString()).resolve("meta.json");
        assertThat(Files.readString(meta)).contains("\"exitCode\":3");
    }

    @Test
    void everyByteOfACommandThatPrintsAndExitsAtOnceIsInTheLog() throws Exception {
        RunningSession session = sessions.spawn(spawn(List.of("bash", "-c", "head -c 1000000 /dev/zero | tr '\\0' a"), null));
        await(() -> exited.contains(session.id()), Duration.ofSeconds(30));
        byte[] log = Files.readAllBytes(logFile(session));
        assertThat(log).hasSize(1_000_000);
        for (byte b : log) {
            if (b != 'a') {
                throw new AssertionError("unexpected byte " + b);
            }
        }
        assertThat(session.log().end()).isEqualTo(1_000_000L);
    }

    @Test
    void theShortLastOutputOfAQuickCommandIsNeverLost() throws Exception {
        for (int i = 0; i < 20; i++) {
            RunningSession session = sessions.spawn(spawn(List.of("printf", "last-words-" + i), null));
            await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
            assertThat(Files.readString(logFile(session))).isEqualTo("last-words-" + i);
        }
    }

    @Test
    void aMissingCommandIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> sessions.spawn(spawn(List.of("drover-no-such-command"), null)))
                .isInstanceOf(SpawnException.class)
                .hasMessage("command not found: drover-no-such-command");
    }

    @Test
    void aMissingWorkingDirectoryIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> sessions.spawn(spawn(List.of("bash"), "/nonexistent/drover")))
                .isInstanceOf(SpawnException.class)
                .hasMessage("working directory does not exist: /nonexistent/drover");
    }

    @Test
    void envAndWindowSizeReachTheProcess() throws Exception {
        DaemonMessage.Spawn spawn = new DaemonMessage.Spawn("r1", UUID.randomUUID(),
                List.of("bash", "-c", "echo \"$TERM $DROVER_TEST $(stty size)\""), stateDir.toString(),
                Map.of("DROVER_TEST", "yes"), 132, 43);
        RunningSession session = sessions.spawn(spawn);
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        assertThat(Files.readString(logFile(session))).isEqualTo("xterm-256color yes 43 132\r\n");
    }

    @Test
    void sessionsLeftOnDiskAreReportedAsExitedWithTheirLogEnd() throws Exception {
        RunningSession session = sessions.spawn(spawn(List.of("printf", "12345"), null));
        await(() -> exited.contains(session.id()), Duration.ofSeconds(10));
        Path orphan = stateDir.resolve("sessions").resolve(UUID.randomUUID().toString());
        Files.createDirectories(orphan.resolve("log"));
        Files.writeString(orphan.resolve("log").resolve("00000000.seg"), "abc");
        Files.writeString(orphan.resolve("meta.json"), "{\"sessionId\":\"" + orphan.getFileName() + "\",\"keeper\":\"pty\",\"segmentSize\":8388608}");

        SessionRegistry restarted = new TestConfig(stateDir).registry();
        assertThat(restarted.reports())
                .extracting(r -> r.sessionId().toString(), r -> r.state(), r -> r.logEnd(), r -> r.exitCode())
                .containsExactlyInAnyOrder(
                        tuple(session.id().toString(), SessionRunState.EXITED, 5L, 0),
                        tuple(orphan.getFileName().toString(), SessionRunState.EXITED, 3L, null));
    }

    private DaemonMessage.Spawn spawn(List<String> command, String cwd) {
        return new DaemonMessage.Spawn("r-" + UUID.randomUUID(), UUID.randomUUID(), command, cwd, Map.of(), 100, 30);
    }

    private Path logFile(RunningSession session) {
        return stateDir.resolve("sessions").resolve(session.id().toString()).resolve("log").resolve("00000000.seg");
    }

    private String logText(RunningSession session) {
        if (!Files.exists(logFile(session))) {
            return "";
        }
        try {
            return Files.readString(logFile(session));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
