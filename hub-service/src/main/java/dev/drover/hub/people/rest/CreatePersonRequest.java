package dev.drover.hub.people.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new local account; without a password the hub makes a one-time one and answers it once. */
public record CreatePersonRequest(
        @Schema(description = "1-64 letters, digits, dots, underscores, dashes or @") @NotNull @Size(max = 200) String username,
        @Schema(enumeration = {"admin", "operator", "viewer"}) @NotNull String role,
        @Schema(description = "An initial password the person keeps (at least 12 characters, at most 72 bytes in UTF-8, "
                + "no control characters, not the user name); leave it out for a one-time password")
        @Size(max = 1000) String password) {
}
