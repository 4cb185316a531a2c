package dev.drover.hub.auth.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in through an OpenID Connect provider, under {@code drover.hub.oidc} (docs/oidc.md). Off
 * unless {@code enabled}: the hub then has local accounts only.
 */
@ConfigMapping(prefix = "drover.hub.oidc")
public interface OidcConfig {

    /** Whether the login page offers sign-in through the provider. */
    @WithDefault("false")
    boolean enabled();

    /** The provider's name on the login page ("Sign in with ..."). */
    @WithDefault("OpenID Connect")
    String providerName();

    /** The provider's issuer URL; its {@code /.well-known/openid-configuration} is read at the first sign-in. */
    Optional<String> authServerUrl();

    /** The hub's client id at the provider. */
    Optional<String> clientId();

    /** The client's secret; absent for a public client (PKCE alone). */
    Optional<String> clientSecret();

    /** Scopes asked for besides {@code openid} (for example {@code profile,email,groups}). */
    @WithDefault("profile,email")
    List<String> scopes();

    /** The ID token claim whose value names the new account (made unique with a number when taken). */
    @WithDefault("preferred_username")
    String usernameClaim();

    /** The ID token claim holding the person's groups or roles at the provider (a string or a list). */
    @WithDefault("groups")
    String roleClaim();

    /**
     * Provider group (a value of {@link #roleClaim()}) to Drover role ({@code admin}, {@code operator}
     * or {@code viewer}); a person in several mapped groups gets the highest role.
     */
    Map<String, String> roles();

    /** The role of a person in no mapped group; absent: such a person is refused. */
    Optional<String> defaultRole();
}
