package dev.drover.hub.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Who is signed in. */
public record UserView(
        @Schema(required = true) String username,
        @Schema(required = true, description = "Empty while a one-time password must be changed") List<String> roles,
        @Schema(required = true, description = "The account still has the one-time password an admin was shown: "
                + "it can do nothing but change it (PUT /api/v1/me/password)") boolean passwordChangeRequired) {
}
