package dev.drover.daemon.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.DaemonMessageSamples;
import dev.drover.protocol.daemon.StreamFrames;
import dev.drover.protocol.golden.FrameFixture;
import dev.drover.protocol.golden.Golden;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The daemon's end of the wire contract: the protocol's golden messages (golden/ in its test jar)
 * through the object mapper the daemon's hub link uses, and the golden INPUT frame through the link
 * into a session. The hub's tests and the web UI's read the same files.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeHubResource.class, restrictToAnnotatedClass = true)
class WireContractTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A stream id no other test uses: the fake hub's records outlive a test class. */
    private static final long STREAM = 9_001;

    @Inject
    ObjectMapper json;

    @Inject
    HubLink link;

    @Test
    void everyDaemonMessageEncodesToItsGoldenFileAndDecodesFromIt() {
        Golden.assertRoundTrips(json, DaemonMessage.class, "daemon", DaemonMessageSamples.ALL);
    }

    @Test
    void theGoldenInputFrameReachesItsSessionAsTheTextTyped() throws Exception {
        FrameFixture input = FrameFixture.read(FrameFixture.DAEMON_INPUT);
        UUID session = input.sessionId();
        Eventually.await(TIMEOUT, link::connected);
        send(new DaemonMessage.Spawn("golden-input", session, List.of("cat"), null, Map.of(), 80, 24));
        Eventually.await(TIMEOUT, () -> FakeHub.received.stream()
                .anyMatch(message -> message instanceof DaemonMessage.Spawned spawned && spawned.sessionId().equals(session)));
        send(new DaemonMessage.OpenStream(STREAM, session, 0, 1 << 20, false));

        FakeHub.connection.sendBinaryAndAwait(input.frameBytes());

        String typed = FrameFixture.read(FrameFixture.TERMINAL_INPUT).text().strip();
        Eventually.await(TIMEOUT, () -> output().contains(typed));
        send(new DaemonMessage.Stop(session, "the golden input arrived"));
        Eventually.await(TIMEOUT, () -> FakeHub.received.stream()
                .anyMatch(message -> message instanceof DaemonMessage.SessionExited exited && exited.sessionId().equals(session)));
    }

    private void send(DaemonMessage message) throws Exception {
        FakeHub.connection.sendTextAndAwait(json.writerFor(DaemonMessage.class).writeValueAsString(message));
    }

    /** The output of {@link #STREAM} so far, as text. */
    private static String output() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamFrames.Data frame : FakeHub.frames) {
            if (frame.streamId() == STREAM) {
                byte[] bytes = new byte[frame.bytes().remaining()];
                frame.bytes().duplicate().get(bytes);
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
