package dev.drover.hub.auth.service;

import dev.drover.hub.auth.repository.LoginSessionRepository;
import dev.drover.hub.config.HubConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a login token's session is live. Every authenticated request asks; a live answer is
 * trusted for {@code drover.hub.login.live-check-cache}, so an account removed or disabled in the
 * database is refused within that time, and a logout on this hub at once (it drops the entry and
 * fires {@link Ended}, which closes the session's terminal sockets).
 */
@ApplicationScoped
public class LoginSessions {

    private final LoginSessionRepository repository;
    private final HubConfig.Login config;
    private final Event<Ended> ended;
    private final Map<UUID, Instant> trustedUntil = new ConcurrentHashMap<>();

    public LoginSessions(LoginSessionRepository repository, HubConfig config, Event<Ended> ended) {
        this.repository = repository;
        this.config = config.login();
        this.ended = ended;
    }

    /** A login session ended by its logout. */
    public record Ended(UUID loginSessionId) {
    }

    public Uni<Void> open(UUID id, UUID accountId, Instant expiresAt) {
        return repository.open(id, accountId, expiresAt);
    }

    public Uni<Boolean> isLive(UUID id) {
        Instant now = Instant.now();
        Instant until = trustedUntil.get(id);
        if (until != null && until.isAfter(now)) {
            return Uni.createFrom().item(true);
        }
        return live(Set.of(id)).map(live -> live.contains(id));
    }

    /** Those of {@code ids} that are live, asked of the database (and remembered as live for the cache time). */
    public Uni<Set<UUID>> live(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return repository.live(ids).invoke(live -> {
            Instant now = Instant.now();
            trustedUntil.values().removeIf(until -> until.isBefore(now));
            ids.forEach(id -> {
                if (live.contains(id)) {
                    trustedUntil.put(id, now.plus(config.liveCheckCache()));
                } else {
                    trustedUntil.remove(id);
                }
            });
        });
    }

    /** Ends the login session: its token is refused from now on and its terminal sockets close. */
    public Uni<Void> end(UUID id) {
        trustedUntil.remove(id);
        return repository.end(id)
                .invoke(() -> {
                    trustedUntil.remove(id);
                    ended.fire(new Ended(id));
                });
    }
}
