package dev.drover.protocol.terminal;

import java.nio.ByteBuffer;

/**
 * Binary frames from the hub to a terminal viewer: the offset of the first byte (int64,
 * big-endian) followed by the bytes. Binary frames from the viewer are raw input bytes.
 * See docs/api/terminal.md.
 */
public final class TerminalFrames {

    public static final int HEADER = 8;

    private TerminalFrames() {
    }

    public static byte[] output(long offset, ByteBuffer bytes) {
        return ByteBuffer.allocate(HEADER + bytes.remaining())
                .putLong(offset)
                .put(bytes.duplicate())
                .array();
    }

    /**
     * The offset of an output frame's first byte.
     *
     * @throws IllegalArgumentException when {@code frame} is shorter than its header
     */
    public static long offset(byte[] frame) {
        if (frame.length < HEADER) {
            throw new IllegalArgumentException("terminal frame shorter than its " + HEADER + "-byte header");
        }
        return ByteBuffer.wrap(frame).getLong();
    }
}
