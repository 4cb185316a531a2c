package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a session starts its agent: a new conversation, a given earlier one, or the latest one. */
public enum SpawnMode {
    NEW("new"), RESUME("resume"), CONTINUE("continue");

    private final String wire;

    SpawnMode(String wire) {
        this.wire = wire;
    }

    /** The name used in YAML and on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The mode named {@code wire}. */
    public static SpawnMode of(String wire) {
        for (SpawnMode mode : values()) {
            if (mode.wire.equals(wire)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + wire + " (new, resume or continue)");
    }
}
