package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a daemon ended an output stream. */
@RegisterForReflection
public enum StreamEndReason {
    /** The session's process exited and every byte of its log was sent. */
    SESSION_EXITED,
    /** The daemon holds no session with that id. */
    UNKNOWN_SESSION,
    /** The requested offset is beyond the log's end or no longer retained. */
    OFFSET_OUT_OF_RANGE,
    /** The hub asked for the stream to close. */
    CLOSED
}
