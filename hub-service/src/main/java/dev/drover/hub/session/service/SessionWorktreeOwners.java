package dev.drover.hub.session.service;

import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.project.repository.Worktree;
import dev.drover.hub.project.service.WorktreeOwners;
import dev.drover.hub.session.repository.SessionRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A worktree is its session's: discarding it destroys the session's work for good (its branch
 * too), so it takes {@link SessionRights#OWN}, the owner or an admin, not a share to type. A
 * worktree whose session the hub does not know (never recorded, or removed) has no owner but the
 * admins.
 */
@ApplicationScoped
public class SessionWorktreeOwners implements WorktreeOwners {

    private final SessionAccess access;
    private final SessionRepository sessions;

    public SessionWorktreeOwners(SessionAccess access, SessionRepository sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    @Override
    public Uni<Void> checkDiscard(Worktree tree, SecurityIdentity identity) {
        SessionCaller caller = SessionCaller.of(identity);
        if (caller.admin()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> known = tree.sessionId == null
                ? Uni.createFrom().item(false)
                : sessions.count("id", tree.sessionId).map(count -> count > 0);
        return known.chain(exists -> exists
                ? access.requiring(tree.sessionId, caller, SessionRights.OWN).replaceWithVoid()
                : Uni.createFrom().failure(new NotPermittedException("only an admin may discard " + tree.path
                        + ": the hub knows no session it belongs to")));
    }
}
