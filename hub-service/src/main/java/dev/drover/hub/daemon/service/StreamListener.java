package dev.drover.hub.daemon.service;

import dev.drover.protocol.daemon.DaemonMessage;

import java.nio.ByteBuffer;

/** The receiving end of one output stream (one terminal viewer). Calls must not block. */
public interface StreamListener {

    /** Output bytes starting at {@code offset}; {@code bytes} is only valid during the call. */
    void data(long offset, ByteBuffer bytes);

    /** The daemon's repaint of the session's screen; DATA continues from its offset. */
    void screen(DaemonMessage.Screen screen);

    /** The daemon ended the stream. */
    void ended(DaemonMessage.StreamEnded ended);

    /** The daemon disconnected. */
    void hostGone();
}
