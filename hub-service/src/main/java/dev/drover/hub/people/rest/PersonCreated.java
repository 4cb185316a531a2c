package dev.drover.hub.people.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The new account and, when the hub made it, its one-time password: shown this once, never again. */
public record PersonCreated(
        @Schema(required = true) PersonView user,
        @Schema(description = "The one-time password, when none was given; it must be changed at the first sign-in")
        String oneTimePassword) {
}
