package dev.drover.hub.auth.ws;

import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.service.LiveLoginCheck;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Ties a person's socket to the login or API token that opened it: an upgrade check calls
 * {@link #remember}, and {@link SignedOutSockets} closes the socket when that login ends (logout,
 * or an admin disabling, removing or changing the account) or that token is revoked.
 */
public final class SocketLogins {

    static final UserData.TypedKey<UUID> LOGIN_SESSION_ID = new UserData.TypedKey<>("drover.login-session");
    static final UserData.TypedKey<UUID> API_TOKEN_ID = new UserData.TypedKey<>("drover.api-token");

    private SocketLogins() {
    }

    /** Remembers the login session or the API token of {@code identity} on the socket about to open. */
    public static void remember(HttpUpgradeCheck.HttpUpgradeContext context, SecurityIdentity identity) {
        UUID apiToken = identity.getAttribute(Actor.TOKEN_ID);
        if (apiToken != null) {
            context.userData().put(API_TOKEN_ID, apiToken);
        } else if (identity.getPrincipal() instanceof JsonWebToken token) {
            UUID loginSession = LiveLoginCheck.tokenId(token);
            if (loginSession != null) {
                context.userData().put(LOGIN_SESSION_ID, loginSession);
            }
        }
    }

    /** The login session that opened {@code connection}, null for a socket no login opened. */
    static UUID of(WebSocketConnection connection) {
        return connection.userData().get(LOGIN_SESSION_ID);
    }

    /** The API token that opened {@code connection}, null for a socket no token opened. */
    static UUID tokenOf(WebSocketConnection connection) {
        return connection.userData().get(API_TOKEN_ID);
    }
}
