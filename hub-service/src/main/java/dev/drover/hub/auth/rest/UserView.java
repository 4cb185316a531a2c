package dev.drover.hub.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Who is signed in. */
public record UserView(
        @Schema(required = true) String username,
        @Schema(required = true) List<String> roles) {
}
