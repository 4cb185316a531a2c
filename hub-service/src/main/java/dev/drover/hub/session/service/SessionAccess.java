package dev.drover.hub.session.service;

import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionShareRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/**
 * Who may do what with a session (docs/adr/0028-session-owners-and-sharing.md): admins everything;
 * the person who started it owns it; others what it is shared with them ({@code view} or
 * {@code type}); a viewer's role never more than watching. A session the caller may not see is
 * answered as if it did not exist (404); one they see but may not act on is 403.
 */
@ApplicationScoped
public class SessionAccess {

    private final SessionRepository sessions;
    private final SessionShareRepository shares;

    public SessionAccess(SessionRepository sessions, SessionShareRepository shares) {
        this.sessions = sessions;
        this.shares = shares;
    }

    /** The session, when {@code caller} may at least see it; else {@link NotFoundException}. */
    public Uni<Session> visible(UUID id, SessionCaller caller) {
        return requiring(id, caller, SessionRights.VIEW);
    }

    /**
     * The session, when {@code caller} has {@code needed}: {@link NotFoundException} when they may not
     * see it, {@link NotPermittedException} when they see it but may do less.
     */
    public Uni<Session> requiring(UUID id, SessionCaller caller, SessionRights needed) {
        return sessions.findById(id).chain(session -> {
            if (session == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return rights(session, caller).map(rights -> {
                if (!rights.atLeast(SessionRights.VIEW)) {
                    throw notFound(id);
                }
                if (!rights.atLeast(needed)) {
                    throw new NotPermittedException(refusal(session, caller, needed));
                }
                return session;
            });
        });
    }

    /** What {@code caller} may do with {@code session}. */
    public Uni<SessionRights> rights(Session session, SessionCaller caller) {
        if (caller.admin()) {
            return Uni.createFrom().item(SessionRights.OWN);
        }
        if (session.createdBy.equals(caller.username())) {
            return Uni.createFrom().item(capped(SessionRights.OWN, caller));
        }
        return shares.access(session.id, caller.username()).map(access -> {
            if (access == null) {
                return SessionRights.NONE;
            }
            return capped(access.equals("type") ? SessionRights.TYPE : SessionRights.VIEW, caller);
        });
    }

    /** Those of {@code sessionIds} that {@code caller} may see. */
    public Uni<Set<UUID>> visibleAmong(Set<UUID> sessionIds, SessionCaller caller) {
        return caller.admin() ? Uni.createFrom().item(sessionIds) : shares.visibleAmong(sessionIds, caller.username());
    }

    /** Whether {@code username} (not an admin) may see a session started by {@code createdBy} shared with {@code sharedWith}. */
    public static boolean sees(String username, String createdBy, Set<String> sharedWith) {
        return username.equals(createdBy) || sharedWith.contains(username);
    }

    private static SessionRights capped(SessionRights rights, SessionCaller caller) {
        return caller.writer() || !rights.atLeast(SessionRights.TYPE) ? rights : SessionRights.VIEW;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no session " + id);
    }

    private static String refusal(Session session, SessionCaller caller, SessionRights needed) {
        if (!caller.writer()) {
            return "viewers watch sessions; only admins and operators may act on them";
        }
        return needed == SessionRights.OWN
                ? "only an admin or " + session.createdBy + ", who started session " + session.id + ", may do this"
                : "session " + session.id + " is shared with you to watch, not to type";
    }
}
