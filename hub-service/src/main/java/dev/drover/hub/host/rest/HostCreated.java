package dev.drover.hub.host.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A new host with its one-time join token (shown only here). */
public record HostCreated(
        @Schema(required = true) HostView host,
        @Schema(required = true) String joinToken,
        @Schema(required = true) Instant joinTokenExpiresAt) {
}
