package dev.drover.hub.auth.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A new API token: a name to tell it by, a role no higher than one's own, and when it expires. */
public record CreateApiTokenRequest(
        @Schema(description = "1-64 characters without control characters; unique among one's live tokens") @NotNull @Size(max = 200) String name,
        @Schema(enumeration = {"admin", "operator", "viewer"}) @NotNull String role,
        @Schema(description = "In the future, at most drover.hub.api-tokens.max-lifetime (365 days) from now") @NotNull Instant expiresAt) {
}
