package dev.drover.hub.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public record LoginResponse(
        @Schema(required = true) String token,
        @Schema(required = true) Instant expiresAt,
        @Schema(required = true) UserView user) {
}
