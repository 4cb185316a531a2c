package dev.drover.protocol.daemon;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The hub-daemon binary frames: every valid frame decodes to what was encoded, and any bytes at all
 * either decode or fail with {@link MalformedFrameException}, never another exception, without
 * copying the frame (a decoded frame's bytes are a view of it, so decoding allocates nothing that
 * grows with the input).
 */
class StreamFramesProperties {

    @Property(tries = 500)
    void aDataFrameDecodesToWhatWasEncoded(@ForAll long streamId, @ForAll long offset,
            @ForAll @Size(max = 300) byte[] bytes, @ForAll("slices") int[] slice) {
        int from = Math.min(slice[0], bytes.length);
        int length = Math.min(slice[1], bytes.length - from);

        StreamFrames.Data data = StreamFrames.readData(StreamFrames.data(streamId, offset, bytes, from, length));

        assertThat(data.streamId()).isEqualTo(streamId);
        assertThat(data.offset()).isEqualTo(offset);
        assertThat(remaining(data.bytes())).isEqualTo(Arrays.copyOfRange(bytes, from, from + length));
    }

    @Property(tries = 500)
    void anInputFrameDecodesToWhatWasEncoded(@ForAll long most, @ForAll long least, @ForAll @Size(max = 300) byte[] bytes) {
        UUID sessionId = new UUID(most, least);

        StreamFrames.Input input = StreamFrames.readInput(StreamFrames.input(sessionId, bytes));

        assertThat(input.sessionId()).isEqualTo(sessionId);
        assertThat(remaining(input.bytes())).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void anyBytesDecodeAsADataFrameOrAreRefusedAsMalformed(@ForAll("frames") byte[] frame) {
        Throwable failure = catchThrowable(() -> {
            StreamFrames.Data data = StreamFrames.readData(frame);
            assertThat(frame[0]).isEqualTo(StreamFrames.DATA);
            assertThat(data.bytes().remaining()).isEqualTo(frame.length - StreamFrames.DATA_HEADER);
            assertThat(data.bytes().array()).as("a view of the frame, not a copy").isSameAs(frame);
        });
        assertThat(failure).satisfiesAnyOf(
                none -> assertThat(none).isNull(),
                refused -> assertThat(refused).isExactlyInstanceOf(MalformedFrameException.class));
        assertThat(StreamFrames.kind(frame)).isEqualTo(frame.length == 0 ? (byte) -1 : frame[0]);
    }

    @Property(tries = 1000)
    void anyBytesDecodeAsAnInputFrameOrAreRefusedAsMalformed(@ForAll("frames") byte[] frame) {
        Throwable failure = catchThrowable(() -> {
            StreamFrames.Input input = StreamFrames.readInput(frame);
            assertThat(frame[0]).isEqualTo(StreamFrames.INPUT);
            assertThat(input.bytes().remaining()).isEqualTo(frame.length - StreamFrames.INPUT_HEADER);
            assertThat(input.bytes().array()).as("a view of the frame, not a copy").isSameAs(frame);
        });
        assertThat(failure).satisfiesAnyOf(
                none -> assertThat(none).isNull(),
                refused -> assertThat(refused).isExactlyInstanceOf(MalformedFrameException.class));
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return HostileMessages.frames();
    }

    @Provide
    Arbitrary<int[]> slices() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 300))
                .as((from, length) -> new int[] {from, length});
    }

    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
