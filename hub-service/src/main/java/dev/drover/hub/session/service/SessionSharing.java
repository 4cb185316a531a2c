package dev.drover.hub.session.service;

import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.session.repository.SessionShareRepository;
import dev.drover.hub.session.repository.SessionShareRepository.Share;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.List;
import java.util.UUID;

/**
 * Sharing a session with named people (ADR 0028): whoever sees it may read its shares; its owner (who
 * started it) and admins share it, change the access and take it back.
 */
@ApplicationScoped
public class SessionSharing {

    private final SessionAccess access;
    private final SessionShareRepository shares;
    private final Event<SessionShareChanged> changed;

    public SessionSharing(SessionAccess access, SessionShareRepository shares, Event<SessionShareChanged> changed) {
        this.access = access;
        this.shares = shares;
        this.changed = changed;
    }

    @WithSpan
    public Uni<List<Share>> list(UUID sessionId, SessionCaller caller) {
        return access.visible(sessionId, caller).chain(() -> shares.of(sessionId));
    }

    /** Shares the session with {@code username} ({@code view} or {@code type}); answers the share. */
    @WithSpan
    public Uni<Share> share(UUID sessionId, String username, String level, SessionCaller caller) {
        return access.requiring(sessionId, caller, SessionRights.OWN)
                .chain(session -> {
                    if (session.createdBy.equals(username)) {
                        return Uni.createFrom().failure(new ConflictException(username + " started session " + sessionId
                                + " and needs no share"));
                    }
                    return shares.put(sessionId, username, level, caller.username());
                })
                .chain(stored -> stored ? shares.of(sessionId) : Uni.createFrom().failure(new NotFoundException("no user " + username)))
                .map(all -> all.stream().filter(share -> share.username().equals(username)).findFirst().orElseThrow())
                .invoke(share -> changed.fire(new SessionShareChanged(sessionId, username, share.access())));
    }

    /** Stops sharing the session with {@code username}. */
    @WithSpan
    public Uni<Void> unshare(UUID sessionId, String username, SessionCaller caller) {
        return access.requiring(sessionId, caller, SessionRights.OWN)
                .chain(() -> shares.remove(sessionId, username))
                .invoke(removed -> {
                    if (!removed) {
                        throw new NotFoundException("session " + sessionId + " is not shared with " + username);
                    }
                    changed.fire(new SessionShareChanged(sessionId, username, null));
                })
                .replaceWithVoid();
    }
}
