package dev.drover.hub.host.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The host credential a daemon keeps. */
public record Enrollment(
        @Schema(required = true) UUID hostId,
        @Schema(required = true) String credential) {
}
