package dev.drover.hub.terminal.ws;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.ws.SocketLogins;
import dev.drover.hub.session.repository.SessionRepository;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Answers the terminal upgrade before the socket opens: 401 without a valid login, 403 for a
 * caller without a person role, 404 for a session that does not exist. (A foreign {@code Origin}
 * was refused before, by {@link dev.drover.hub.web.BrowserRequestGuard}.)
 */
@ApplicationScoped
public class TerminalUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<UUID> SESSION_ID = new UserData.TypedKey<>("drover.session.id");
    static final UserData.TypedKey<UUID> HOST_ID = new UserData.TypedKey<>("drover.session.host");
    static final UserData.TypedKey<Boolean> READ_ONLY = new UserData.TypedKey<>("drover.viewer.read-only");
    static final UserData.TypedKey<Actor> ACTOR = new UserData.TypedKey<>("drover.viewer.actor");

    private final SessionRepository sessions;

    public TerminalUpgradeCheck(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return TerminalSocket.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            boolean writer = identity.hasRole(Role.ADMIN) || identity.hasRole(Role.OPERATOR);
            if (!writer && !identity.hasRole(Role.VIEWER)) {
                return CheckResult.rejectUpgrade(403);
            }
            UUID sessionId;
            try {
                sessionId = UUID.fromString(context.pathParam("id"));
            } catch (IllegalArgumentException e) {
                return CheckResult.rejectUpgrade(404);
            }
            return sessions.findById(sessionId).chain(session -> {
                if (session == null) {
                    return CheckResult.rejectUpgrade(404);
                }
                context.userData().put(SESSION_ID, session.id);
                context.userData().put(HOST_ID, session.hostId);
                context.userData().put(READ_ONLY, !writer);
                context.userData().put(ACTOR, Actor.of(identity));
                SocketLogins.remember(context, identity);
                return CheckResult.permitUpgrade();
            });
        });
    }
}
