package dev.drover.hub.auth.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new password for the signed-in person; the rules are in docs/security.md ("People and roles"). */
public record ChangePasswordRequest(
        @NotNull @Size(max = 1000) @Text String currentPassword,
        @Schema(description = "At least 12 characters, at most 72 bytes in UTF-8, no control characters, not the user name")
        @NotNull @Size(max = 1000) String newPassword) {
}
