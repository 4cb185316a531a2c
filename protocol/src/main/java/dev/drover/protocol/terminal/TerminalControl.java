package dev.drover.protocol.terminal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON text frames on the terminal socket ({@code /api/v1/sessions/{id}/terminal}), both ways.
 * See docs/api/terminal.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TerminalControl.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = TerminalControl.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = TerminalControl.Attached.class, name = "attached"),
        @JsonSubTypes.Type(value = TerminalControl.Exit.class, name = "exit"),
        @JsonSubTypes.Type(value = TerminalControl.Screen.class, name = "screen"),
        @JsonSubTypes.Type(value = TerminalControl.Error.class, name = "error"),
        @JsonSubTypes.Type(value = TerminalControl.Resized.class, name = "resized"),
})
@RegisterForReflection
public sealed interface TerminalControl {

    /** Viewer to hub: the terminal's size in cells. */
    @RegisterForReflection
    record Resize(int cols, int rows) implements TerminalControl {
    }

    /** Viewer to hub: {@code bytes} more output bytes were rendered (returns credit). */
    @RegisterForReflection
    record Ack(long bytes) implements TerminalControl {
    }

    /**
     * Hub to viewer, first frame: output follows from offset {@code from}; the viewer may hold at
     * most {@code window} unacknowledged bytes. {@code readOnly} viewers' input is refused.
     */
    @RegisterForReflection
    record Attached(java.util.UUID sessionId, long from, long window, boolean readOnly) implements TerminalControl {
    }

    /**
     * Hub to viewer, after {@code attached} when the viewer asked for {@code from=screen}: reset the
     * terminal and write {@code data} (base64); it repaints the screen and recent scrollback as of
     * {@code offset}, where the binary frames continue. The decoded bytes before {@code screenAt}
     * clear the terminal and write the scrollback, the bytes from {@code screenAt} on the screen,
     * the cursor and the modes. {@code logStart} is the oldest offset the session's log still
     * holds: a viewer that wants the output before the scrollback asks for {@code from} between
     * {@code logStart} and {@code offset}.
     */
    @RegisterForReflection
    record Screen(long offset, int cols, int rows, String data, int screenAt, long logStart)
            implements TerminalControl {
    }

    /**
     * Hub to viewer: a control message of the viewer's was refused and had no effect; the socket
     * stays open. {@code refused} is the refused message's type, {@code reason} says why.
     */
    @RegisterForReflection
    record Error(String refused, String reason) implements TerminalControl {
    }

    /**
     * Hub to viewer: another viewer resized the session's terminal to {@code cols} x {@code rows}.
     * A viewer takes that size, so that what it shows is what the session shows.
     */
    @RegisterForReflection
    record Resized(int cols, int rows) implements TerminalControl {
    }

    /** Hub to viewer: the session ended; {@code end} is the offset after its last byte. */
    @RegisterForReflection
    record Exit(Integer exitCode, long end) implements TerminalControl {
    }
}
