package dev.drover.protocol.daemon;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Binary frames on the hub-daemon socket. Every frame starts with a one-byte kind:
 * <ul>
 * <li>{@code DATA} (daemon to hub): kind, stream id (int64), offset of the first byte (int64), bytes.</li>
 * <li>{@code INPUT} (hub to daemon): kind, session id (two int64, most significant first), bytes.</li>
 * </ul>
 * All integers are big-endian.
 */
public final class StreamFrames {

    public static final byte DATA = 1;
    public static final byte INPUT = 2;
    public static final int DATA_HEADER = 1 + 8 + 8;
    public static final int INPUT_HEADER = 1 + 16;
    /**
     * The most input bytes one INPUT frame carries: the hub splits larger input, so an INPUT frame
     * is one WebSocket frame of at most 64 KiB, within every limit of the daemon's socket.
     */
    public static final int MAX_INPUT_BYTES = 65_536 - INPUT_HEADER;

    private StreamFrames() {
    }

    public static byte[] data(long streamId, long offset, byte[] bytes, int from, int length) {
        return ByteBuffer.allocate(DATA_HEADER + length)
                .put(DATA)
                .putLong(streamId)
                .putLong(offset)
                .put(bytes, from, length)
                .array();
    }

    public static byte[] input(UUID sessionId, byte[] bytes) {
        return input(sessionId, bytes, 0, bytes.length);
    }

    public static byte[] input(UUID sessionId, byte[] bytes, int from, int length) {
        return ByteBuffer.allocate(INPUT_HEADER + length)
                .put(INPUT)
                .putLong(sessionId.getMostSignificantBits())
                .putLong(sessionId.getLeastSignificantBits())
                .put(bytes, from, length)
                .array();
    }

    /** The kind byte of a frame, or -1 for an empty frame. */
    public static byte kind(byte[] frame) {
        return frame.length == 0 ? -1 : frame[0];
    }

    /** A decoded DATA frame; {@code bytes} is a view of the frame, not a copy. */
    public record Data(long streamId, long offset, ByteBuffer bytes) {
    }

    /** A decoded INPUT frame; {@code bytes} is a view of the frame, not a copy. */
    public record Input(UUID sessionId, ByteBuffer bytes) {
    }

    public static Data readData(byte[] frame) {
        require(frame, DATA, DATA_HEADER);
        ByteBuffer buffer = ByteBuffer.wrap(frame, 1, frame.length - 1);
        long streamId = buffer.getLong();
        long offset = buffer.getLong();
        return new Data(streamId, offset, buffer.slice());
    }

    public static Input readInput(byte[] frame) {
        require(frame, INPUT, INPUT_HEADER);
        ByteBuffer buffer = ByteBuffer.wrap(frame, 1, frame.length - 1);
        UUID sessionId = new UUID(buffer.getLong(), buffer.getLong());
        return new Input(sessionId, buffer.slice());
    }

    private static void require(byte[] frame, byte kind, int header) {
        if (frame.length < header || frame[0] != kind) {
            throw new MalformedFrameException("expected a frame of kind " + kind + " with at least "
                    + header + " bytes, got " + frame.length + " bytes of kind " + kind(frame));
        }
    }
}
