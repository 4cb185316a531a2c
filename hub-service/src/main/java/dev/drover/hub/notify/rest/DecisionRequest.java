package dev.drover.hub.notify.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Allow or deny what the session's agent waits for; a deny's {@code reason} is told to agents that take one (Claude Code). */
public record DecisionRequest(
        @Schema(required = true, enumeration = {"allow", "deny"})
        @NotNull @Pattern(regexp = "allow|deny", message = "must be allow or deny") String decision,
        @Schema(nullable = true, maxLength = 1000) @Size(max = 1000) String reason) {
}
