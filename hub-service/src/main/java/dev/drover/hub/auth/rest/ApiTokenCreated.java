package dev.drover.hub.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new API token and its secret, answered only here. */
public record ApiTokenCreated(
        @Schema(required = true) ApiTokenView token,
        @Schema(required = true, description = "drv_ and 43 letters and digits; send it as Authorization: Bearer. "
                + "The hub keeps only its hash: it is never shown again") String secret) {
}
