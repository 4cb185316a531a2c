package dev.drover.hub.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Login sessions, one per login token (its {@code jti}). Plain SQL on the reactive pool, so the
 * check that runs with every request's authentication needs no Hibernate session.
 */
@ApplicationScoped
public class LoginSessionRepository {

    private static final String OPEN = "INSERT INTO login_session (id, account_id, created_at, expires_at, address, user_agent) "
            + "VALUES ($1, $2, $3, $4, $5, $6)";
    private static final String END = "UPDATE login_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL";
    private static final String END_OF_ACCOUNT = "UPDATE login_session SET ended_at = now() "
            + "WHERE account_id = $1 AND ended_at IS NULL AND id <> ALL($2) RETURNING id";
    private static final String OPEN_OF_ACCOUNT = "SELECT id FROM login_session WHERE account_id = $1 AND ended_at IS NULL";
    /** The live ones of the sessions asked about, each marked seen now unless it was within the last 30 s. */
    private static final String LIVE = "WITH live AS (SELECT s.id, a.password_change_required, s.last_seen_at "
            + "FROM login_session s JOIN account a ON a.id = s.account_id "
            + "WHERE s.id = ANY($1) AND s.ended_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL), "
            + "seen AS (UPDATE login_session SET last_seen_at = now() WHERE id IN (SELECT id FROM live "
            + "WHERE last_seen_at IS NULL OR last_seen_at < now() - interval '30 seconds')) "
            + "SELECT id, password_change_required FROM live";
    private static final String OPEN_DETAILS = "SELECT id, created_at, expires_at, last_seen_at, address, user_agent "
            + "FROM login_session WHERE account_id = $1 AND ended_at IS NULL AND expires_at > now() ORDER BY created_at DESC";
    private static final String ACCOUNT_OF = "SELECT account_id FROM login_session WHERE id = $1";
    private static final String END_ONE_OF_ACCOUNT = "UPDATE login_session SET ended_at = now() "
            + "WHERE id = $1 AND account_id = $2 AND ended_at IS NULL AND expires_at > now()";
    private static final String LAST_LOGINS = "SELECT account_id, max(created_at), "
            + "count(*) FILTER (WHERE ended_at IS NULL AND expires_at > now()) FROM login_session GROUP BY account_id";

    private final Pool pool;

    public LoginSessionRepository(Pool pool) {
        this.pool = pool;
    }

    /** One login: where from ({@code address}, {@code userAgent}; either may be null) and when. */
    public record Login(UUID id, Instant createdAt, Instant expiresAt, Instant lastSeenAt, String address, String userAgent) {
    }

    public Uni<Void> open(UUID id, UUID accountId, Instant expiresAt, String address, String userAgent) {
        return pool.preparedQuery(OPEN)
                .execute(Tuple.from(Arrays.asList(id, accountId, Rows.utc(Instant.now()), Rows.utc(expiresAt), address, userAgent)))
                .replaceWithVoid();
    }

    /** The account the login session belongs to; null when there is no such session. */
    public Uni<UUID> accountOf(UUID id) {
        return pool.preparedQuery(ACCOUNT_OF).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** The account's live logins, newest first. */
    public Uni<List<Login>> live(UUID accountId) {
        return pool.preparedQuery(OPEN_DETAILS).execute(Tuple.of(accountId)).map(rows -> {
            List<Login> logins = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime seen = row.getOffsetDateTime(3);
                logins.add(new Login(row.getUUID(0), row.getOffsetDateTime(1).toInstant(),
                        row.getOffsetDateTime(2).toInstant(), seen == null ? null : seen.toInstant(), row.getString(4),
                        row.getString(5)));
            }
            return logins;
        });
    }

    /** Ends the account's live login {@code id}; false when it has no such live login. */
    public Uni<Boolean> endOne(UUID accountId, UUID id) {
        return pool.preparedQuery(END_ONE_OF_ACCOUNT).execute(Tuple.of(id, accountId)).map(rows -> rows.rowCount() == 1);
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

    /** When an account last signed in, and how many of its logins are live now. */
    public record LoginSummary(Instant lastLoginAt, int live) {
    }

    /** Each account's {@link LoginSummary}, for those that ever signed in. */
    public Uni<Map<UUID, LoginSummary>> summaries() {
        return pool.query(LAST_LOGINS).execute().map(rows -> {
            Map<UUID, LoginSummary> summaries = new HashMap<>();
            for (Row row : rows) {
                summaries.put(row.getUUID(0), new LoginSummary(row.getOffsetDateTime(1).toInstant(), row.getLong(2).intValue()));
            }
            return summaries;
        });
    }
}
