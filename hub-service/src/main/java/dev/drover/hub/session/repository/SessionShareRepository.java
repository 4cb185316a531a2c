package dev.drover.hub.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whom a session is shared with (table {@code session_share}, migration V24), by account, read and
 * written by user name. Plain SQL on the reactive pool: the terminal upgrade and the event fan-out
 * ask it outside any Hibernate session.
 */
@ApplicationScoped
public class SessionShareRepository {

    private static final String OF_SESSION = "SELECT a.username, s.access, s.granted_by, s.granted_at FROM session_share s "
            + "JOIN account a ON a.id = s.account_id WHERE s.session_id = $1 ORDER BY a.username";
    private static final String OF_SESSIONS = "SELECT s.session_id, a.username FROM session_share s "
            + "JOIN account a ON a.id = s.account_id WHERE s.session_id = ANY($1)";
    private static final String ACCESS = "SELECT s.access FROM session_share s JOIN account a ON a.id = s.account_id "
            + "WHERE s.session_id = $1 AND a.username = $2";
    private static final String VISIBLE_AMONG = "SELECT id FROM session WHERE id = ANY($1) AND " + visible("session", "$2");
    private static final String PUT = "INSERT INTO session_share (session_id, account_id, access, granted_by, granted_at) "
            + "SELECT $1, id, $3, $4, $5 FROM account WHERE username = $2 "
            + "ON CONFLICT (session_id, account_id) DO UPDATE SET access = excluded.access, "
            + "granted_by = excluded.granted_by, granted_at = excluded.granted_at";
    private static final String REMOVE = "DELETE FROM session_share s USING account a "
            + "WHERE a.id = s.account_id AND s.session_id = $1 AND a.username = $2";

    /** One share: who, with which access ({@code view} or {@code type}), given by whom and when. */
    public record Share(String username, String access, String grantedBy, Instant grantedAt) {
    }

    private final Pool pool;

    public SessionShareRepository(Pool pool) {
        this.pool = pool;
    }

    /** The session's shares, by user name. */
    public Uni<List<Share>> of(UUID sessionId) {
        return pool.preparedQuery(OF_SESSION).execute(Tuple.of(sessionId)).map(rows -> {
            List<Share> shares = new ArrayList<>();
            for (Row row : rows) {
                shares.add(new Share(row.getString(0), row.getString(1), row.getString(2),
                        row.getOffsetDateTime(3).toInstant()));
            }
            return shares;
        });
    }

    /** The user names each of the sessions is shared with (sessions shared with nobody are absent). */
    public Uni<Map<UUID, Set<String>>> sharedWith(Set<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(OF_SESSIONS).execute(Tuple.of(sessionIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Set<String>> shared = new HashMap<>();
            for (Row row : rows) {
                shared.computeIfAbsent(row.getUUID(0), id -> new HashSet<>()).add(row.getString(1));
            }
            return shared;
        });
    }

    /** The access the session is shared with {@code username}: {@code view}, {@code type}, or null. */
    public Uni<String> access(UUID sessionId, String username) {
        return pool.preparedQuery(ACCESS).execute(Tuple.of(sessionId, username))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Those of {@code sessionIds} that {@code username} started or that are shared with them. */
    public Uni<Set<UUID>> visibleAmong(Set<UUID> sessionIds, String username) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(VISIBLE_AMONG).execute(Tuple.of(sessionIds.toArray(UUID[]::new), username)).map(rows -> {
            Set<UUID> visible = new HashSet<>();
            for (Row row : rows) {
                visible.add(row.getUUID(0));
            }
            return visible;
        });
    }

    /** Shares the session with the account named {@code username}; false when there is no such account. */
    public Uni<Boolean> put(UUID sessionId, String username, String access, String grantedBy) {
        return pool.preparedQuery(PUT)
                .execute(Tuple.of(sessionId, username, access, grantedBy, Instant.now().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stops sharing the session with {@code username}; false when it was not shared with them. */
    public Uni<Boolean> remove(UUID sessionId, String username) {
        return pool.preparedQuery(REMOVE).execute(Tuple.of(sessionId, username)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * An SQL condition: the session row {@code session} (a table alias) was started by, or is shared
     * with, the user named by the parameter {@code username} (ADR 0028).
     */
    public static String visible(String session, String username) {
        return "(" + session + ".created_by = " + username + " OR EXISTS (SELECT 1 FROM session_share sh "
                + "JOIN account a ON a.id = sh.account_id WHERE sh.session_id = " + session + ".id AND a.username = "
                + username + "))";
    }
}
