package dev.drover.hub.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
    private static final String END_OF_ACCOUNT = "UPDATE login_session SET ended_at = now() "
            + "WHERE account_id = $1 AND ended_at IS NULL AND id <> ALL($2) RETURNING id";
    private static final String OPEN_OF_ACCOUNT = "SELECT id FROM login_session WHERE account_id = $1 AND ended_at IS NULL";
    private static final String LIVE = "SELECT s.id, a.password_change_required FROM login_session s "
            + "JOIN account a ON a.id = s.account_id "
            + "WHERE s.id = ANY($1) AND s.ended_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL";
    private static final String LAST_LOGINS = "SELECT account_id, max(created_at) FROM login_session GROUP BY account_id";

    private final Pool pool;

    public LoginSessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> open(UUID id, UUID accountId, Instant expiresAt) {
        return pool.preparedQuery(OPEN)
                .execute(Tuple.of(id, accountId, Rows.utc(Instant.now()), Rows.utc(expiresAt)))
                .replaceWithVoid();
    }

    public Uni<Void> end(UUID id) {
        return pool.preparedQuery(END).execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Ends the account's login sessions but {@code keep}; answers those it ended. */
    public Uni<Set<UUID>> endAll(UUID accountId, Set<UUID> keep) {
        return pool.preparedQuery(END_OF_ACCOUNT)
                .execute(Tuple.of(accountId, keep.toArray(UUID[]::new)))
                .map(Rows::ids);
    }

    /** The account's login sessions that were not ended (some may have expired). */
    public Uni<Set<UUID>> notEnded(UUID accountId) {
        return pool.preparedQuery(OPEN_OF_ACCOUNT).execute(Tuple.of(accountId)).map(Rows::ids);
    }

    /**
     * Those of {@code ids} that are live (not ended, not expired, of an account that exists and is
     * not disabled), each with whether its account must change its password first.
     */
    public Uni<Map<UUID, Boolean>> live(Set<UUID> ids) {
        return pool.preparedQuery(LIVE)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Boolean> live = new HashMap<>();
                    for (Row row : rows) {
                        live.put(row.getUUID(0), row.getBoolean(1));
                    }
                    return live;
                });
    }

    /** When each account last signed in, for those that ever did. */
    public Uni<Map<UUID, Instant>> lastLogins() {
        return pool.query(LAST_LOGINS).execute().map(rows -> {
            Map<UUID, Instant> last = new HashMap<>();
            for (Row row : rows) {
                last.put(row.getUUID(0), row.getOffsetDateTime(1).toInstant());
            }
            return last;
        });
    }
}
