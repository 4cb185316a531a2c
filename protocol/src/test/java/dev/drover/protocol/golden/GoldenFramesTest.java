package dev.drover.protocol.golden;

import dev.drover.protocol.daemon.StreamFrames;
import dev.drover.protocol.terminal.TerminalFrames;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The binary frames' byte layouts in {@code golden/frames/}, encoded and decoded by the protocol's code. */
class GoldenFramesTest {

    @Test
    void aDataFrameIsLaidOutAsItsGoldenFile() {
        FrameFixture data = FrameFixture.read(FrameFixture.DAEMON_DATA);
        byte[] payload = data.payloadBytes();

        assertThat(StreamFrames.data(data.streamId(), data.offset(), payload, 0, payload.length)).isEqualTo(data.frameBytes());
        StreamFrames.Data decoded = StreamFrames.readData(data.frameBytes());
        assertThat(decoded.streamId()).isEqualTo(data.streamId());
        assertThat(decoded.offset()).isEqualTo(data.offset());
        assertThat(bytes(decoded.bytes())).isEqualTo(payload);
    }

    @Test
    void anInputFrameIsLaidOutAsItsGoldenFile() {
        FrameFixture input = FrameFixture.read(FrameFixture.DAEMON_INPUT);

        assertThat(StreamFrames.input(input.sessionId(), input.payloadBytes())).isEqualTo(input.frameBytes());
        StreamFrames.Input decoded = StreamFrames.readInput(input.frameBytes());
        assertThat(decoded.sessionId()).isEqualTo(input.sessionId());
        assertThat(bytes(decoded.bytes())).isEqualTo(input.payloadBytes());
    }

    @Test
    void anOutputFrameIsLaidOutAsItsGoldenFile() {
        FrameFixture output = FrameFixture.read(FrameFixture.TERMINAL_OUTPUT);

        assertThat(TerminalFrames.output(output.offset(), ByteBuffer.wrap(output.payloadBytes()))).isEqualTo(output.frameBytes());
        assertThat(TerminalFrames.offset(output.frameBytes())).isEqualTo(output.offset());
    }

    @Test
    void anOutputFrameIsTheDataFrameWithoutItsKindAndStreamId() {
        byte[] data = FrameFixture.read(FrameFixture.DAEMON_DATA).frameBytes();

        assertThat(Arrays.copyOfRange(data, StreamFrames.DATA_HEADER - TerminalFrames.HEADER, data.length))
                .isEqualTo(FrameFixture.read(FrameFixture.TERMINAL_OUTPUT).frameBytes());
    }

    @Test
    void typedInputIsCarriedAsItsUtf8BytesIntoTheInputFrame() {
        FrameFixture typed = FrameFixture.read(FrameFixture.TERMINAL_INPUT);

        assertThat(typed.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(typed.frameBytes());
        assertThat(FrameFixture.read(FrameFixture.DAEMON_INPUT).payloadBytes()).isEqualTo(typed.frameBytes());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
