package dev.drover.hub.auth.service;

import dev.drover.hub.audit.service.Actor;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Accepts {@code Authorization: Bearer drv_…} (an API token) on REST calls and socket upgrades. It
 * runs before smallrye-jwt's mechanism and answers nothing for any other request, which the JWT
 * mechanism then takes (login cookie, login or host bearer tokens): the two never see the same
 * credential. The identity carries the owner's name, the token's role and, as attributes, the
 * token's id and name ({@link Actor#TOKEN_ID}, {@link Actor#TOKEN_NAME}).
 */
@ApplicationScoped
public class ApiTokenAuthentication implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer ";

    /** The secret presented, for the identity provider. */
    static final class Request extends BaseAuthenticationRequest {

        private final String secret;

        Request(String secret) {
            this.secret = secret;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !header.startsWith(ApiTokens.PREFIX, SCHEME.length())) {
            return Uni.createFrom().nullItem();
        }
        Request request = new Request(header.substring(SCHEME.length()).strip());
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Request.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    /** Turns a presented secret into its owner's identity, or fails with 401. */
    @ApplicationScoped
    static class Provider implements IdentityProvider<Request> {

        private final ApiTokens tokens;

        Provider(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<Request> getRequestType() {
            return Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
            return tokens.authenticate(request.secret).map(bearer -> QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(bearer.username()))
                    .addCredential(new TokenCredential(request.secret, "api-token"))
                    .addRole(bearer.role())
                    .addAttribute(Actor.TOKEN_ID, bearer.id())
                    .addAttribute(Actor.TOKEN_NAME, bearer.name())
                    .build());
        }
    }
}
