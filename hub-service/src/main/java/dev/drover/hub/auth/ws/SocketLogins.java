package dev.drover.hub.auth.ws;

import dev.drover.hub.auth.service.LiveLoginCheck;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Ties a browser socket to the login that opened it: an upgrade check calls {@link #remember},
 * and {@link SignedOutSockets} closes the socket when that login ends (logout, or an admin
 * disabling, removing or changing the account).
 */
public final class SocketLogins {

    static final UserData.TypedKey<UUID> LOGIN_SESSION_ID = new UserData.TypedKey<>("drover.login-session");

    private SocketLogins() {
    }

    /** Remembers the login session of {@code identity}'s token on the socket about to open. */
    public static void remember(HttpUpgradeCheck.HttpUpgradeContext context, SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            UUID loginSession = LiveLoginCheck.tokenId(token);
            if (loginSession != null) {
                context.userData().put(LOGIN_SESSION_ID, loginSession);
            }
        }
    }

    /** The login session that opened {@code connection}, null for a socket no person opened. */
    static UUID of(WebSocketConnection connection) {
        return connection.userData().get(LOGIN_SESSION_ID);
    }
}
