package dev.drover.hub.link;

import dev.drover.protocol.daemon.DaemonMessage;
import io.vertx.core.buffer.Buffer;

/** The receiving end of one output stream (one terminal viewer). Calls must not block. */
public interface StreamListener {

    /**
     * Output bytes as a viewer's output frame ({@link dev.drover.protocol.terminal.TerminalFrames}:
     * the offset, then the bytes), ready to be sent as is; the listener may keep it.
     */
    void data(Buffer output);

    /** The daemon's repaint of the session's screen; DATA continues from its offset. */
    void screen(DaemonMessage.Screen screen);

    /** The daemon ended the stream. */
    void ended(DaemonMessage.StreamEnded ended);

    /** The daemon disconnected. */
    void hostGone();
}
