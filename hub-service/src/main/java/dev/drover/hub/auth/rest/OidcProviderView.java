package dev.drover.hub.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OIDC provider the login page offers ("Sign in with {@code name}"). */
public record OidcProviderView(
        @Schema(required = true, description = "The provider's name, as the login page shows it") String name,
        @Schema(required = true, description = "Where the browser goes to sign in through the provider") String loginUrl) {
}
