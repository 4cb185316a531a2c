package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How Drover knows the agent's own session id (the one its resume command takes). */
public enum AgentSessionId {
    /** Drover mints it and passes it to the agent at start ({@code {agentSessionId}} in {@code commands.new}). */
    @JsonProperty("preassigned")
    PREASSIGNED,
    /** Read from the agent's output when it exits ({@code resume.capture}). */
    @JsonProperty("captured")
    CAPTURED,
    /** Not known to Drover; resume takes an id the user gives. */
    @JsonProperty("none")
    NONE
}
