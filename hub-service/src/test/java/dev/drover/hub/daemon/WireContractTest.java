package dev.drover.hub.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.DaemonMessageSamples;
import dev.drover.protocol.golden.FrameFixture;
import dev.drover.protocol.golden.Golden;
import dev.drover.protocol.terminal.TerminalControl;
import dev.drover.protocol.terminal.TerminalControlSamples;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's end of the wire contract: the protocol's golden messages (golden/ in its test jar)
 * through the object mapper the hub's sockets use, and the golden frames through the hub's real
 * daemon and terminal sockets. The daemon's tests and the web UI's read the same files.
 */
@QuarkusTest
class WireContractTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    @Test
    void everyDaemonMessageEncodesToItsGoldenFileAndDecodesFromIt() {
        Golden.assertRoundTrips(mapper, DaemonMessage.class, "daemon", DaemonMessageSamples.ALL);
    }

    @Test
    void everyTerminalControlEncodesToItsGoldenFileAndDecodesFromIt() {
        Golden.assertRoundTrips(mapper, TerminalControl.class, "terminal", TerminalControlSamples.ALL);
    }

    @Test
    void aGoldenDataFrameReachesTheViewerAsTheGoldenOutputFrameAndTypedInputTheDaemonAsTheGoldenInputFrame()
            throws Exception {
        FrameFixture data = FrameFixture.read(FrameFixture.DAEMON_DATA);
        FrameFixture output = FrameFixture.read(FrameFixture.TERMINAL_OUTPUT);
        FrameFixture typed = FrameFixture.read(FrameFixture.TERMINAL_INPUT);
        FrameFixture input = FrameFixture.read(FrameFixture.DAEMON_INPUT);
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            UUID sessionId = UUID.fromString(daemon.spawnRunning(admin));
            WsClient viewer = WsClient.connect(
                    WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal?from=" + output.offset()), admin);
            assertThat(mapper.readTree(viewer.nextText()).path("type").asText()).isEqualTo("attached");
            JsonNode open = daemon.expect("open-stream");
            assertThat(open.path("streamId").asLong()).as("the first stream of a new link").isEqualTo(data.streamId());
            assertThat(open.path("from").asLong()).isEqualTo(data.offset());

            daemon.socket.sendBinary(data.frameBytes());
            assertThat(viewer.nextBinary()).isEqualTo(output.frameBytes());

            viewer.sendBinary(typed.frameBytes());
            byte[] expected = input.frameBytes();
            ByteBuffer.wrap(expected, 1, 16)
                    .putLong(sessionId.getMostSignificantBits())
                    .putLong(sessionId.getLeastSignificantBits());
            assertThat(daemon.socket.nextBinary()).as("golden/frames/daemon-input.json for this session")
                    .isEqualTo(expected);
        }
    }
}
