package dev.drover.hub.auth.rest;

import dev.drover.hub.auth.service.ApiTokens;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An API token as its owner and admins see it (never its secret). */
public record ApiTokenView(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(required = true, enumeration = {"admin", "operator", "viewer"}) String role,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant expiresAt,
        @Schema(description = "When a request last used it (to the minute); absent when never") Instant lastUsedAt,
        @Schema(description = "When it was revoked; absent while it is not") Instant revokedAt) {

    public static ApiTokenView of(ApiTokens.ApiToken token) {
        return new ApiTokenView(token.id(), token.name(), token.role(), token.createdAt(), token.expiresAt(),
                token.lastUsedAt(), token.revokedAt());
    }
}
