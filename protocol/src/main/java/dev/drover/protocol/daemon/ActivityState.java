package dev.drover.protocol.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a session's agent is doing, as the daemon's activity detector tells it (ADR 0018): not the
 * process's lifecycle (that is the hub's session state) but whether it works or waits for a person.
 */
@RegisterForReflection
public enum ActivityState {
    /** Spawned; the agent has not yet shown that it is ready. */
    @JsonProperty("starting")
    STARTING("starting"),
    /** The agent works on a turn (thinking, streaming, running a tool). */
    @JsonProperty("working")
    WORKING("working"),
    /** The agent waits for a person to allow a command or an edit. */
    @JsonProperty("needs-approval")
    NEEDS_APPROVAL("needs-approval"),
    /** The agent asked a person a question and waits for the answer. */
    @JsonProperty("needs-answer")
    NEEDS_ANSWER("needs-answer"),
    /** The agent finished its turn and waits for a new prompt. */
    @JsonProperty("idle")
    IDLE("idle"),
    /** The agent reported an error it cannot get past by itself. */
    @JsonProperty("errored")
    ERRORED("errored"),
    /** The agent's process ended. */
    @JsonProperty("exited")
    EXITED("exited");

    private final String wire;

    ActivityState(String wire) {
        this.wire = wire;
    }

    /** The state's name on the wire and in the API. */
    public String wire() {
        return wire;
    }

    /** Whether the agent waits for a person (approval or answer). */
    public boolean needsYou() {
        return this == NEEDS_APPROVAL || this == NEEDS_ANSWER;
    }

    /** The state of a wire name. */
    public static ActivityState ofWire(String wire) {
        for (ActivityState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown activity state " + wire);
    }
}
