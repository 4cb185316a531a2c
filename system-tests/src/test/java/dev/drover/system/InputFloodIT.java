package dev.drover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input through the whole system (real hub, daemon, tmux): a flood on one terminal socket, and a
 * paste larger than any single frame or message limit.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputFloodIT {

    private static final int FRAMES = 20_000;
    private static final int FRAME_BYTES = 1024;
    /**
     * Another session's echo while 20 MB of input flow through the same hub, daemon and tmux server,
     * on a small shared machine (typing alone echoes in under a millisecond; before the fix the echo
     * never came: the host went offline).
     */
    private static final Duration ECHO_BOUND = Duration.ofSeconds(5);

    private SystemUnderTest system;

    @BeforeAll
    void startTheSystem() throws Exception {
        system = SystemUnderTest.start();
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    /**
     * Regression: 20,000 binary frames of 1 KiB in 4.4 s wedged the daemon (its event loop blocked
     * on the pipe to tmux), the hub dropped it for silence, it never reconnected, and only SIGKILL
     * stopped it.
     */
    @Test
    void anInputFloodKeepsTheHostOnlineLosesNothingAndTheDaemonStillStops() throws Exception {
        // Outside the stack's state root, which sessions do not see (session isolation).
        Path file = system.projectRoot().resolve("flood-" + java.util.UUID.randomUUID() + ".txt");
        String flooded = system.spawnBash();
        String other = system.spawnBash();
        TerminalClient flooder = system.attach(flooded, 0);
        TerminalClient typist = system.attach(other, 0);
        flooder.type("stty -echo; cat > " + file + "; stty echo\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));

        byte[] frame = ("f".repeat(FRAME_BYTES - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < FRAMES; i++) {
                flooder.typeBytes(frame);
            }
        });
        long slowestEcho = 0;
        int echoes = 0;
        List<Long> echoMillis = new java.util.ArrayList<>();
        while (!flood.isDone() || echoes < 3) {
            long sent = System.nanoTime();
            String marker = "ping-" + (echoes * 7 + 1);
            typist.type("echo ping-$((" + echoes + "*7+1))\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> typist.tailContains(marker + "\r\n", 4096));
            slowestEcho = Math.max(slowestEcho, System.nanoTime() - sent);
            echoMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            echoes++;
            assertThat(hostOnline()).as("the host stays online during the flood").isTrue();
            Thread.sleep(200);
        }
        flood.get(10, TimeUnit.MINUTES);
        System.out.printf("flood of %d x %d bytes sent in %d ms; echoes of another session meanwhile (ms): %s%n", FRAMES,
                FRAME_BYTES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), echoMillis);
        assertThat(Duration.ofNanos(slowestEcho)).as("echo of another session during the flood").isLessThan(ECHO_BOUND);

        long expected = (long) FRAMES * FRAME_BYTES;
        await().atMost(Duration.ofMinutes(5)).until(() -> Files.size(file) >= expected);
        assertThat(Files.size(file)).as("every input byte reached the session").isEqualTo(expected);
        flooder.typeBytes(new byte[] {4});
        flooder.type("echo after-$((6*7))\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> flooder.tailContains("after-42\r\n", 4096));
        assertThat(hostOnline()).isTrue();

        ProcessHandle daemon = ProcessHandle.of(system.stack.daemon().pid()).orElseThrow();
        daemon.destroy();
        assertThat(daemon.onExit().get(20, TimeUnit.SECONDS).isAlive()).as("the daemon stops on SIGTERM").isFalse();
        system.stack.startDaemon(SystemUnderTest.HOST);
        await().atMost(Duration.ofSeconds(30)).until(this::hostOnline);
    }

    /**
     * Regression: a paste over 64 KiB dropped the viewer's connection, and one over 256 KiB never
     * reached the agent. A 1 MB paste in one message arrives byte-exact.
     */
    @Test
    void aOneMegabytePasteArrivesByteExact() throws Exception {
        byte[] random = new byte[750_000];
        new Random(42).nextBytes(random);
        byte[] paste = Base64.getEncoder().encode(random);
        assertThat(paste.length).isEqualTo(1_000_000);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(paste));
        String sessionId = spawn(List.of("bash", "-c", "stty raw -echo; head -c " + paste.length + " | sha256sum"));
        TerminalClient viewer = system.attach(sessionId, 0);
        Thread.sleep(500);
        viewer.typeBytes(paste);
        await().atMost(Duration.ofMinutes(2)).until(() -> viewer.output().contains(sha));
    }

    private String spawn(List<String> command) {
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", Map.of(
                "hostId", system.hostId(SystemUnderTest.HOST), "command", command, "cols", 120, "rows", 40));
        assertThat(session.path("state").asText()).isEqualTo("running");
        return session.path("id").asText();
    }

    private boolean hostOnline() {
        for (JsonNode host : system.admin.hosts()) {
            if (SystemUnderTest.HOST.equals(host.path("name").asText())) {
                return host.path("online").asBoolean();
            }
        }
        return false;
    }
}
