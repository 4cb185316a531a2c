package dev.drover.hub.auth.service;

import dev.drover.hub.auth.repository.LoginSessionRepository;
import dev.drover.hub.config.HubConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.drover.hub.error.NotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a login token's session is live. Every authenticated request asks; a live answer is
 * trusted for {@code drover.hub.login.live-check-cache}, so an account removed or disabled in the
 * database behind the hub's back is refused within that time. Logout and every change an admin
 * makes through the hub end the sessions at once: they drop the entries and fire {@link Ended},
 * which closes the sessions' browser sockets.
 */
@ApplicationScoped
public class LoginSessions {

    private final LoginSessionRepository repository;
    private final HubConfig.Login config;
    private final Event<Ended> ended;
    private final Map<UUID, Trusted> trusted = new ConcurrentHashMap<>();

    public LoginSessions(LoginSessionRepository repository, HubConfig config, Event<Ended> ended) {
        this.repository = repository;
        this.config = config.login();
        this.ended = ended;
    }

    /** A login session ended by the hub: {@code reason} is what its sockets' close frames say. */
    public record Ended(UUID loginSessionId, String reason) {
    }

    /** What a login session may do now. */
    public enum Liveness {
        LIVE,
        /** Live, but its account still has a one-time password: it may only change it. */
        PASSWORD_CHANGE_REQUIRED,
        ENDED
    }

    private record Trusted(Instant until, boolean passwordChangeRequired) {
    }

    /** Records a new login from {@code address} with browser {@code userAgent} (either may be null). */
    public Uni<Void> open(UUID id, UUID accountId, Instant expiresAt, String address, String userAgent) {
        return repository.open(id, accountId, expiresAt, address, userAgent);
    }

    /** The account that login session {@code id} belongs to. */
    public Uni<UUID> accountOf(UUID id) {
        return repository.accountOf(id).onItem().ifNull().failWith(() -> new NotFoundException("no login " + id));
    }

    /** The account's live logins, newest first. */
    public Uni<List<LoginSessionRepository.Login>> of(UUID accountId) {
        return repository.live(accountId);
    }

    /**
     * Ends one of the account's live logins at once, closing its sockets with {@code reason};
     * {@link NotFoundException} when the account has no such live login.
     */
    public Uni<Void> endOne(UUID accountId, UUID id, String reason) {
        return repository.endOne(accountId, id).invoke(ended -> {
            if (!ended) {
                throw new NotFoundException("no live login " + id + " of this account");
            }
            ended(Set.of(id), reason);
        }).replaceWithVoid();
    }

    public Uni<Liveness> check(UUID id) {
        Trusted entry = trusted.get(id);
        Uni<Map<UUID, Boolean>> live = entry != null && entry.until().isAfter(Instant.now())
                ? Uni.createFrom().item(Map.of(id, entry.passwordChangeRequired()))
                : ask(Set.of(id));
        return live.map(found -> {
            Boolean passwordChangeRequired = found.get(id);
            if (passwordChangeRequired == null) {
                return Liveness.ENDED;
            }
            return passwordChangeRequired ? Liveness.PASSWORD_CHANGE_REQUIRED : Liveness.LIVE;
        });
    }

    /** Those of {@code ids} that are live, asked of the database (and remembered for the cache time). */
    public Uni<Set<UUID>> live(Set<UUID> ids) {
        return ask(ids).map(Map::keySet);
    }

    private Uni<Map<UUID, Boolean>> ask(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return repository.live(ids).invoke(live -> {
            Instant now = Instant.now();
            trusted.values().removeIf(entry -> entry.until().isBefore(now));
            ids.forEach(id -> {
                Boolean passwordChangeRequired = live.get(id);
                if (passwordChangeRequired != null) {
                    trusted.put(id, new Trusted(now.plus(config.liveCheckCache()), passwordChangeRequired));
                } else {
                    trusted.remove(id);
                }
            });
        });
    }

    /** Ends the login session (its logout): its token is refused from now on and its sockets close. */
    public Uni<Void> end(UUID id) {
        trusted.remove(id);
        return repository.end(id)
                .invoke(() -> ended(Set.of(id), "signed out"));
    }

    /**
     * Ends every login session of the account but {@code keep}, at once: their tokens are refused
     * and their sockets close with {@code reason}.
     */
    public Uni<Void> endAll(UUID accountId, Set<UUID> keep, String reason) {
        return repository.endAll(accountId, keep)
                .invoke(ids -> ended(ids, reason))
                .replaceWithVoid();
    }

    /** The account's login sessions not yet ended; read before removing an account, whose rows go with it. */
    public Uni<Set<UUID>> notEnded(UUID accountId) {
        return repository.notEnded(accountId);
    }

    /** Sessions whose rows are gone (their account was removed): forgotten at once and their sockets closed. */
    public void removed(Set<UUID> ids, String reason) {
        ended(ids, reason);
    }

    /** Forgets what was cached about the session, so the next request asks the database (after a password change). */
    public void forget(UUID id) {
        trusted.remove(id);
    }

    /** When each account last signed in and how many live logins it has, for those that ever signed in. */
    public Uni<Map<UUID, LoginSessionRepository.LoginSummary>> summaries() {
        return repository.summaries();
    }

    private void ended(Set<UUID> ids, String reason) {
        ids.forEach(id -> {
            trusted.remove(id);
            ended.fire(new Ended(id, reason));
        });
    }
}
