package dev.drover.protocol.terminal;

/** Close codes the hub uses on the terminal socket, with the reason text sent alongside. */
public final class TerminalCloseCodes {

    /** The session ended and all of its output was sent. */
    public static final int SESSION_ENDED = 1000;
    /** The hub is shutting down; reconnect with {@code from=<next offset>}. */
    public static final int GOING_AWAY = 1001;
    /** A text frame that is not a valid control message. */
    public static final int INVALID_DATA = 1007;
    /** A frame the viewer may not send (for example input from a read-only viewer). */
    public static final int POLICY_VIOLATION = 1008;
    /** A binary message larger than {@link #MAX_INPUT_MESSAGE}: send large input in several messages. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /**
     * The most bytes one binary (input) message from a viewer may carry. The hub's WebSocket server
     * takes frames and messages of up to 4 MiB ({@code quarkus.websockets-next.server.max-frame-size}
     * and {@code max-message-size}), so a larger input message still gets a close frame with 1009.
     */
    public static final int MAX_INPUT_MESSAGE = 1024 * 1024;
    /** A failure of the hub's own; the reason says only that. Reconnect with {@code from=<next offset>}. */
    public static final int INTERNAL_ERROR = 1011;
    /** The session's host disconnected; reconnect with {@code from=<next offset>}. */
    public static final int HOST_UNAVAILABLE = 4503;
    /** The requested offset is no longer retained or lies beyond the end of the log. */
    public static final int OFFSET_OUT_OF_RANGE = 4416;

    private TerminalCloseCodes() {
    }
}
