package dev.drover.hub.auth.service;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication.CookieSameSite;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one place quarkus-oidc acts: requests to {@link #LOGIN_PATH} get a web-app tenant built from
 * {@link OidcConfig} (authorization code flow with PKCE); every other request gets the default
 * tenant, which is disabled, so quarkus-oidc neither authenticates nor challenges it and the hub's
 * own tokens (smallrye-jwt, API tokens) are the only credentials there
 * (docs/adr/0029-oidc-sign-in-beside-hub-tokens.md).
 */
@ApplicationScoped
public class OidcTenant implements TenantConfigResolver {

    /** Where the browser starts an OIDC sign-in, and where the provider sends it back. */
    public static final String LOGIN_PATH = "/api/v1/auth/oidc/login";
    static final String TENANT_ID = "drover";

    private final OidcTenantConfig tenant;

    public OidcTenant(OidcConfig config) {
        this.tenant = config.enabled() ? tenant(config) : null;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        return Uni.createFrom().item(tenant != null && LOGIN_PATH.equals(context.normalizedPath()) ? tenant : null);
    }

    private static OidcTenantConfig tenant(OidcConfig config) {
        String url = config.authServerUrl().orElseThrow(() -> new IllegalStateException(
                "drover.hub.oidc.enabled is true but drover.hub.oidc.auth-server-url is not set"));
        String clientId = config.clientId().orElseThrow(() -> new IllegalStateException(
                "drover.hub.oidc.enabled is true but drover.hub.oidc.client-id is not set"));
        var builder = OidcTenantConfig.authServerUrl(url)
                .tenantId(TENANT_ID)
                .clientId(clientId)
                .applicationType(ApplicationType.WEB_APP);
        config.clientSecret().ifPresent(builder::credentials);
        return builder
                .authentication()
                    .pkceRequired()
                    .scopes(config.scopes())
                    .stateSecret(secret())
                    .cookiePath(LOGIN_PATH)
                    .cookieSameSite(CookieSameSite.LAX)
                    .javaScriptAutoRedirect(false)
                    .errorPath("/login")
                .end()
                .tokenStateManager()
                    .encryptionSecret(secret())
                .end()
                .build();
    }

    /** A secret for this hub process only: a sign-in lasts seconds and starts again after a restart. */
    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
