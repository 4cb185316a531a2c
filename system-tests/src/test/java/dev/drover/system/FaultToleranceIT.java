package dev.drover.system;

import dev.drover.cli.stack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults during a 50 MB stream: the daemon killed with SIGKILL and started again, the hub
 * restarted, one viewer stalled. Each time every viewer must end up with exactly the agent's
 * output, byte for byte, and no service may run past its memory bound.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceIT {

    /** {@code seq 1 6000000} prints 52,888,896 bytes through the terminal (with CR LF line ends). */
    private static final int LINES = 6_000_000;
    private static final String COMMAND = "echo BEGIN-$((1+1)); seq 1 " + LINES + "; echo END-$((2+2))\n";
    private static final String BEGIN = "BEGIN-2\r\n";
    private static final String END = "END-4";
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(3);
    private static final long MIB = 1024 * 1024;
    /** Resident memory a service may reach: its heap bound plus the JVM's own (code, threads, buffers). */
    private static final long HUB_RESIDENT_BOUND = 512 * MIB + 320 * MIB;
    private static final long DAEMON_RESIDENT_BOUND = 256 * MIB + 320 * MIB;

    private SystemUnderTest system;
    private static String expectedDigest;

    @BeforeAll
    void startTheSystem() throws Exception {
        system = SystemUnderTest.start();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 1; i <= LINES; i++) {
            digest.update((i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        expectedDigest = HexFormat.of().formatHex(digest.digest());
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void daemonKilledMidStreamComesBackWithNoByteLost() throws Exception {
        String sessionId = system.spawnBash();
        TerminalClient viewer = system.attach(sessionId, 0);
        viewer.type(COMMAND);
        await().atMost(STREAM_TIMEOUT).until(() -> viewer.next() > 10 * MIB);

        system.stack.daemon().kill();
        assertThat(viewer.closed().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join())
                .as("the hub closes viewers of a lost host with 4503").isEqualTo(4503);
        system.stack.startDaemon(SystemUnderTest.HOST);

        followUntilEnd(viewer);
        assertStreamIntact(viewer);
        assertThat(viewer.attachments()).isGreaterThanOrEqualTo(2);
        assertWithinMemoryBounds();
        assertThat(system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("state").asText())
                .as("the agent survived the daemon").isEqualTo("running");
    }

    @Test
    void hubRestartedMidStreamViewerResumesByOffset() throws Exception {
        String sessionId = system.spawnBash();
        TerminalClient viewer = system.attach(sessionId, 0);
        viewer.type(COMMAND);
        await().atMost(STREAM_TIMEOUT).until(() -> viewer.next() > 10 * MIB);

        system.stack.restartHub();

        followUntilEnd(viewer);
        assertStreamIntact(viewer);
        assertThat(viewer.attachments()).isGreaterThanOrEqualTo(2);
        assertWithinMemoryBounds();
    }

    @Test
    void stalledViewerNeitherStallsTheAgentNorAnotherViewer() throws Exception {
        String sessionId = system.spawnBash();
        TerminalClient fast = system.attach(sessionId, 0);
        TerminalClient stalled = system.attach(sessionId, 0);
        stalled.acknowledge(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> stalled.lastControl() != null);
        long window = Long.parseLong(stalled.lastControl().replaceAll(".*\"window\":(\\d+).*", "$1"));

        fast.type(COMMAND);
        followUntilEnd(fast);
        assertStreamIntact(fast);
        assertThat(stalled.next() - stalled.from())
                .as("a viewer that acknowledges nothing gets at most its window")
                .isLessThanOrEqualTo(window);

        stalled.acknowledge(true);
        followUntilEnd(stalled);
        assertStreamIntact(stalled);
        assertWithinMemoryBounds();
    }

    /** Waits for the end marker, reattaching from the next offset whenever the socket drops. */
    private static void followUntilEnd(TerminalClient viewer) throws InterruptedException {
        Instant deadline = Instant.now().plus(STREAM_TIMEOUT);
        while (!viewer.tailContains(END, 64)) {
            assertThat(Instant.now()).as("end of the stream reached in time (at offset %d)", viewer.next())
                    .isBefore(deadline);
            if (viewer.closed().isDone()) {
                Thread.sleep(250);
                try {
                    viewer.reattach();
                } catch (CompletionException refusedWhileRestarting) {
                    Thread.sleep(250);
                }
            } else {
                Thread.sleep(50);
            }
        }
    }

    private static void assertStreamIntact(TerminalClient viewer) throws NoSuchAlgorithmException {
        assertThat(viewer.contiguityError()).isNull();
        String all = new String(viewer.received(), StandardCharsets.ISO_8859_1);
        int begin = all.indexOf(BEGIN);
        int end = all.indexOf(END, begin);
        assertThat(begin).as("start marker").isNotNegative();
        byte[] stream = all.substring(begin + BEGIN.length(), end).getBytes(StandardCharsets.ISO_8859_1);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stream));
        assertThat(stream.length).as("bytes of seq's output").isEqualTo(expectedLength());
        assertThat(digest).as("SHA-256 of seq's output as the viewer saw it").isEqualTo(expectedDigest);
    }

    private void assertWithinMemoryBounds() {
        for (ServiceProcess service : new ServiceProcess[] { system.stack.hub(), system.stack.daemon() }) {
            assertThat(service.isAlive()).as("%s alive (it exits when its heap bound is exceeded)", service.name())
                    .isTrue();
        }
        assertThat(system.stack.hub().peakResidentBytes()).as("hub peak resident memory").isLessThan(HUB_RESIDENT_BOUND);
        assertThat(system.stack.daemon().peakResidentBytes()).as("daemon peak resident memory")
                .isLessThan(DAEMON_RESIDENT_BOUND);
    }

    private static long expectedLength() {
        long length = 0;
        for (int digits = 1, low = 1; low <= LINES; digits++, low *= 10) {
            long high = Math.min(LINES, low * 10L - 1);
            length += (high - low + 1) * (digits + 2);
        }
        return length;
    }
}
