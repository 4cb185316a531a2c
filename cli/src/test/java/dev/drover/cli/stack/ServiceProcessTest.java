package dev.drover.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service as its own process, started through a shell launcher (as {@code ip netns exec} is in
 * the whole-system tests) that prints the java command it was handed instead of running it.
 */
class ServiceProcessTest {

    /** Prints its arguments (the java command) one per line and the variable the test sets, then exits 3. */
    private static final List<String> PRINTING_LAUNCHER =
            List.of("sh", "-c", "printf '%s\\n' \"$@\"; echo \"value=$DROVER_TEST_VALUE\"; exit 3", "launcher");

    @Test
    void theServiceRunsItsJarWithItsJvmSettingsAndEnvironmentIntoAPrivateLog(@TempDir Path state) throws Exception {
        Path log = state.resolve("logs/hub.log");
        Path jar = state.resolve("hub.jar");

        ServiceProcess hub = ServiceProcess.start("hub", PRINTING_LAUNCHER, jar, ServiceJvm.HUB,
                Map.of("DROVER_TEST_VALUE", "from the stack"), log);

        awaitExit(hub);
        assertThat(hub.exitValue()).isEqualTo(3);
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.getFirst()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(lines).containsSubsequence("-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString(), "value=from the stack");
        assertThat(hub.logTail(2)).isEqualTo(jar + System.lineSeparator() + "value=from the stack");
    }

    @Test
    void aRestartAppendsToTheLogAndMakesAnOpenLogPrivate(@TempDir Path state) throws Exception {
        Path log = state.resolve("ingest.log");
        Files.writeString(log, "the first run\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

        awaitExit(ServiceProcess.start("ingest", PRINTING_LAUNCHER, state.resolve("ingest.jar"), ServiceJvm.INGEST,
                Map.of(), log));

        assertThat(Files.readAllLines(log)).startsWith("the first run").contains("-Xmx256m");
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void closingARunningServiceStopsItWithSigterm(@TempDir Path state) throws Exception {
        ServiceProcess daemon = ServiceProcess.start("daemon", List.of("sh", "-c", "exec sleep 600", "launcher"),
                state.resolve("daemon.jar"), ServiceJvm.DAEMON, Map.of(), state.resolve("daemon.log"));
        assertThat(daemon.isAlive()).isTrue();
        assertThat(daemon.exitValue()).as("while it runs").isEqualTo(-1);
        awaitCommand(daemon, "sleep");
        assertThat(daemon.residentBytes()).isPositive();
        assertThat(daemon.peakResidentBytes()).isGreaterThanOrEqualTo(daemon.residentBytes());

        daemon.close();

        assertThat(daemon.isAlive()).isFalse();
        assertThat(daemon.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        assertThat(daemon.residentBytes()).as("no process to measure").isEqualTo(-1);
    }

    @Test
    void theTailOfAMissingLogSaysSo(@TempDir Path state) {
        Path missing = state.resolve("postgres.log");

        assertThat(ServiceProcess.tail(missing, 30)).isEqualTo("(no log at " + missing + ")");
    }

    /** Waits for the launcher to have replaced itself, since an exec resets the process's memory figures. */
    private static void awaitCommand(ServiceProcess service, String command) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!isRunning(service, command) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(isRunning(service, command)).as("%s runs %s", service.name(), command).isTrue();
    }

    private static boolean isRunning(ServiceProcess service, String command) {
        return ProcessHandle.of(service.pid()).flatMap(p -> p.info().command())
                .map(c -> Path.of(c).getFileName().toString().equals(command)).orElse(false);
    }

    private static void awaitExit(ServiceProcess service) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (service.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(service.isAlive()).as("%s exited", service.name()).isFalse();
    }
}
