package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a status signal says about the agent. */
public enum AgentState {
    @JsonProperty("working")
    WORKING,
    @JsonProperty("idle")
    IDLE,
    @JsonProperty("needs-approval")
    NEEDS_APPROVAL,
    @JsonProperty("needs-answer")
    NEEDS_ANSWER,
    @JsonProperty("errored")
    ERRORED
}
