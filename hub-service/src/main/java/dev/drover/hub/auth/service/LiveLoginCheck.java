package dev.drover.hub.auth.service;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Refuses a person's login token unless its login session ({@code jti}) is live: logged out,
 * expired, removed or disabled accounts get 401 (and their socket upgrades too). Host
 * credentials are checked against their host where they are used (the daemon upgrade).
 */
@ApplicationScoped
public class LiveLoginCheck implements SecurityIdentityAugmentor {

    private final LoginSessions sessions;

    public LiveLoginCheck(LoginSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.hasRole(TokenIssuer.HOST_ROLE)) {
            return Uni.createFrom().item(identity);
        }
        UUID id = tokenId(token);
        if (id == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("login token without a login session"));
        }
        return sessions.isLive(id).map(live -> {
            if (!live) {
                throw new AuthenticationFailedException("login session ended");
            }
            return identity;
        });
    }

    /** The token's {@code jti} as a UUID (a login session or a host credential id), null when it has none. */
    public static UUID tokenId(JsonWebToken token) {
        try {
            return token.getTokenID() == null ? null : UUID.fromString(token.getTokenID());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
