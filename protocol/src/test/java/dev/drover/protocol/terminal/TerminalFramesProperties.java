package dev.drover.protocol.terminal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hub-to-viewer output frame: offset then bytes; any shorter frame is refused, never misread. */
class TerminalFramesProperties {

    @Property(tries = 500)
    void anOutputFrameCarriesItsOffsetAndItsBytes(@ForAll long offset, @ForAll @Size(max = 300) byte[] bytes) {
        ByteBuffer source = ByteBuffer.wrap(bytes);

        byte[] frame = TerminalFrames.output(offset, source);

        assertThat(TerminalFrames.offset(frame)).isEqualTo(offset);
        assertThat(Arrays.copyOfRange(frame, TerminalFrames.HEADER, frame.length)).isEqualTo(bytes);
        assertThat(source.remaining()).as("the source is not consumed").isEqualTo(bytes.length);
    }

    @Property(tries = 500)
    void anyFrameShorterThanTheHeaderIsRefused(@ForAll @Size(max = TerminalFrames.HEADER - 1) byte[] frame) {
        assertThatThrownBy(() -> TerminalFrames.offset(frame)).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
