package dev.drover.protocol.golden;

import dev.drover.protocol.daemon.StreamFrames;
import dev.drover.protocol.terminal.TerminalFrames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * A binary frame's layout as {@code golden/frames/<name>.json} spells it: what the frame carries
 * ({@code streamId}, {@code offset}, {@code sessionId} as the kind of frame has them; {@code text}
 * for input typed as text) and its bytes in hex, {@code payload} alone and the whole {@code frame}.
 *
 * @see StreamFrames
 * @see TerminalFrames
 */
public record FrameFixture(String description, Long streamId, Long offset, UUID sessionId, String text, String payload,
        String frame) {

    /** Daemon to hub: a DATA frame of stream {@code streamId}. */
    public static final String DAEMON_DATA = "daemon-data";
    /** Hub to daemon: an INPUT frame for session {@code sessionId}. */
    public static final String DAEMON_INPUT = "daemon-input";
    /** Hub to viewer: output from {@code offset}, the daemon's DATA frame without its kind and stream id. */
    public static final String TERMINAL_OUTPUT = "terminal-output";
    /** Viewer to hub: {@code text} typed, as raw UTF-8 bytes. */
    public static final String TERMINAL_INPUT = "terminal-input";

    public static FrameFixture read(String name) {
        try {
            return QuarkusJson.MAPPER.readValue(Golden.text("frames/" + name + ".json"), FrameFixture.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] payloadBytes() {
        return Golden.hex(payload);
    }

    public byte[] frameBytes() {
        return Golden.hex(frame);
    }
}
