package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a CLI's counters add up: each point the growth since the last one, or the total since the series began. */
public enum Temporality {
    @JsonProperty("delta")
    DELTA,
    @JsonProperty("cumulative")
    CUMULATIVE
}
