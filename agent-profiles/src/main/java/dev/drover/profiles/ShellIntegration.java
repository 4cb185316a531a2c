package dev.drover.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Shell integration the daemon adds so a shell reports its cwd, last command and exit code. */
public enum ShellIntegration {
    @JsonProperty("bash")
    BASH,
    @JsonProperty("none")
    NONE
}
