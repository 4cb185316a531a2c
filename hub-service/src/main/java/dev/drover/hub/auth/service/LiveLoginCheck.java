package dev.drover.hub.auth.service;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Refuses a person's login token unless its login session ({@code jti}) is live: logged out,
 * expired, removed or disabled accounts get 401 (and their socket upgrades too). An account that
 * still has its one-time password keeps only the {@link #PASSWORD_CHANGE_ONLY} role: it can ask
 * who it is and change its password, nothing else. Host credentials are checked against their
 * host where they are used (the daemon upgrade). The OIDC provider's ID token, which only the
 * sign-in path takes, is no login of the hub's and passes unchanged.
 */
@ApplicationScoped
public class LiveLoginCheck implements SecurityIdentityAugmentor {

    /** The only role of a login whose account must change its one-time password first. */
    public static final String PASSWORD_CHANGE_ONLY = "password-change-only";

    private final LoginSessions sessions;

    public LiveLoginCheck(LoginSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.hasRole(TokenIssuer.HOST_ROLE) || identity.getCredential(IdTokenCredential.class) != null) {
            return Uni.createFrom().item(identity);
        }
        UUID id = tokenId(token);
        if (id == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("login token without a login session"));
        }
        return sessions.check(id).map(liveness -> switch (liveness) {
            case LIVE -> identity;
            case PASSWORD_CHANGE_REQUIRED -> QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .addAttributes(identity.getAttributes())
                    .addRole(PASSWORD_CHANGE_ONLY)
                    .build();
            case ENDED -> throw new AuthenticationFailedException("login session ended");
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
