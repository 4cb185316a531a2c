package dev.drover.hub.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Login sessions, one per login token (its {@code jti}). Plain SQL on the reactive pool, so the
 * check that runs with every request's authentication needs no Hibernate session.
 */
@ApplicationScoped
public class LoginSessionRepository {

    private static final String OPEN = "INSERT INTO login_session (id, account_id, created_at, expires_at) "
            + "VALUES ($1, $2, $3, $4)";
    private static final String END = "UPDATE login_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL";
    private static final String LIVE = "SELECT s.id FROM login_session s JOIN account a ON a.id = s.account_id "
            + "WHERE s.id = ANY($1) AND s.ended_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL";

    private final Pool pool;

    public LoginSessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> open(UUID id, UUID accountId, Instant expiresAt) {
        return pool.preparedQuery(OPEN)
                .execute(Tuple.of(id, accountId, utc(Instant.now()), utc(expiresAt)))
                .replaceWithVoid();
    }

    public Uni<Void> end(UUID id) {
        return pool.preparedQuery(END).execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Those of {@code ids} that are live: not ended, not expired, of an account that exists and is not disabled. */
    public Uni<Set<UUID>> live(Set<UUID> ids) {
        return pool.preparedQuery(LIVE)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> live = new HashSet<>();
                    for (Row row : rows) {
                        live.add(row.getUUID(0));
                    }
                    return live;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
