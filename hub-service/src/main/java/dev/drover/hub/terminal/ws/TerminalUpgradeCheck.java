package dev.drover.hub.terminal.ws;

import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.auth.ws.SocketLogins;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionRights;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Answers the terminal upgrade before the socket opens: 401 without a valid login, 403 for a
 * caller without a person role, 404 for a session that does not exist or that the caller may not
 * see (ADR 0028). The socket is read-only unless the caller may type into the session. (A foreign
 * {@code Origin} was refused before, by {@link dev.drover.hub.web.BrowserRequestGuard}.)
 */
@ApplicationScoped
public class TerminalUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<UUID> SESSION_ID = new UserData.TypedKey<>("drover.session.id");
    static final UserData.TypedKey<UUID> HOST_ID = new UserData.TypedKey<>("drover.session.host");
    static final UserData.TypedKey<Boolean> READ_ONLY = new UserData.TypedKey<>("drover.viewer.read-only");
    static final UserData.TypedKey<Actor> ACTOR = new UserData.TypedKey<>("drover.viewer.actor");
    /** Who watches, when they see the session only because it is shared with them; absent otherwise. */
    static final UserData.TypedKey<String> SHARED_WITH = new UserData.TypedKey<>("drover.viewer.shared-with");

    private final SessionRepository sessions;
    private final SessionAccess access;

    public TerminalUpgradeCheck(SessionRepository sessions, SessionAccess access) {
        this.sessions = sessions;
        this.access = access;
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
            SessionCaller caller = SessionCaller.of(identity);
            if (!caller.writer() && !identity.hasRole(Role.VIEWER)) {
                return CheckResult.rejectUpgrade(403);
            }
            UUID sessionId;
            try {
                sessionId = UUID.fromString(context.pathParam("id"));
            } catch (IllegalArgumentException e) {
                return CheckResult.rejectUpgrade(404);
            }
            return sessions.findById(sessionId).chain(session -> session == null ? CheckResult.rejectUpgrade(404)
                    : access.rights(session, caller).chain(rights -> {
                        if (!rights.atLeast(SessionRights.VIEW)) {
                            return CheckResult.rejectUpgrade(404);
                        }
                        context.userData().put(SESSION_ID, session.id);
                        context.userData().put(HOST_ID, session.hostId);
                        context.userData().put(READ_ONLY, !rights.atLeast(SessionRights.TYPE));
                        context.userData().put(ACTOR, Actor.of(identity));
                        if (!caller.admin() && !caller.username().equals(session.createdBy)) {
                            context.userData().put(SHARED_WITH, caller.username());
                        }
                        SocketLogins.remember(context, identity);
                        return CheckResult.permitUpgrade();
                    }));
        });
    }
}
