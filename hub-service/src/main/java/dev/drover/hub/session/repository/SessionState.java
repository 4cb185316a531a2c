package dev.drover.hub.session.repository;

import java.util.Locale;

/** Lifecycle of a session as the hub records it; stored and shown in lower case. */
public enum SessionState {
    STARTING,
    RUNNING,
    EXITED,
    FAILED,
    LOST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether the session's process may still be alive. */
    public boolean live() {
        return this == STARTING || this == RUNNING;
    }
}
