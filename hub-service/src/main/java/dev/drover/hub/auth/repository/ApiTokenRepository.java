package dev.drover.hub.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * API tokens, looked up by the SHA-256 of their secret. Plain SQL on the reactive pool, like login
 * sessions: the lookup runs with every request a token authenticates.
 */
@ApplicationScoped
public class ApiTokenRepository {

    private static final String COLUMNS = "t.id, t.account_id, a.username, t.name, t.role, a.roles, "
            + "t.created_at, t.expires_at, t.last_used_at, t.revoked_at";
    private static final String USABLE = "t.revoked_at IS NULL AND t.expires_at > now() "
            + "AND a.disabled_at IS NULL AND NOT a.password_change_required";
    private static final String INSERT = "INSERT INTO api_token (id, account_id, name, role, secret_hash, created_at, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private static final String BY_SECRET = "SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id "
            + "WHERE t.secret_hash = $1 AND " + USABLE;
    private static final String USABLE_OF = "SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id "
            + "WHERE t.id = ANY($1) AND " + USABLE;
    private static final String OF_ACCOUNT = "SELECT " + COLUMNS + " FROM api_token t JOIN account a ON a.id = t.account_id "
            + "WHERE t.account_id = $1 ORDER BY t.created_at DESC, t.id";
    private static final String REVOKE = "UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) "
            + "WHERE id = $1 AND account_id = $2 RETURNING name";
    private static final String REVOKE_ROLES = "UPDATE api_token SET revoked_at = now() "
            + "WHERE account_id = $1 AND revoked_at IS NULL AND role = ANY($2) RETURNING id";
    private static final String NOT_REVOKED = "SELECT id FROM api_token WHERE account_id = $1 AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_token SET last_used_at = $2 WHERE id = $1 "
            + "AND (last_used_at IS NULL OR last_used_at < $2)";

    private final Pool pool;

    public ApiTokenRepository(Pool pool) {
        this.pool = pool;
    }

    /** A token as stored, with its owner's name and current roles. */
    public record StoredToken(UUID id, UUID accountId, String username, String name, String role, List<String> ownerRoles,
                              Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** Stores a new token; a live token of the account with the same name (ignoring case) fails with a unique violation. */
    public Uni<Void> insert(UUID id, UUID accountId, String name, String role, byte[] secretHash, Instant createdAt,
                            Instant expiresAt) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(id, accountId, name, role, Buffer.buffer(secretHash), Rows.utc(createdAt), Rows.utc(expiresAt))))
                .replaceWithVoid();
    }

    /** The token with this secret hash, when it is neither revoked nor expired and its owner is enabled; else null. */
    public Uni<StoredToken> usableBySecret(byte[] secretHash) {
        return pool.preparedQuery(BY_SECRET)
                .execute(Tuple.of(Buffer.buffer(secretHash)))
                .map(rows -> tokens(rows).stream().findFirst().orElse(null));
    }

    /** Those of {@code ids} that are neither revoked nor expired, of enabled owners. */
    public Uni<List<StoredToken>> usable(Set<UUID> ids) {
        return pool.preparedQuery(USABLE_OF)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(ApiTokenRepository::tokens);
    }

    /** The account's tokens, revoked and expired ones included, newest first. */
    public Uni<List<StoredToken>> ofAccount(UUID accountId) {
        return pool.preparedQuery(OF_ACCOUNT).execute(Tuple.of(accountId)).map(ApiTokenRepository::tokens);
    }

    /** Revokes the account's token (it stays revoked when it was); answers its name, null when the account has no such token. */
    public Uni<String> revoke(UUID id, UUID accountId) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(id, accountId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    /** Revokes the account's live tokens of the given roles; answers those it revoked. */
    public Uni<Set<UUID>> revokeRoles(UUID accountId, Set<String> roles) {
        return pool.preparedQuery(REVOKE_ROLES)
                .execute(Tuple.of(accountId, roles.toArray(String[]::new)))
                .map(Rows::ids);
    }

    /** The account's tokens not revoked (some may have expired). */
    public Uni<Set<UUID>> notRevoked(UUID accountId) {
        return pool.preparedQuery(NOT_REVOKED).execute(Tuple.of(accountId)).map(Rows::ids);
    }

    /** Records that the token was used at {@code at} (never moving the time back). */
    public Uni<Void> touch(UUID id, Instant at) {
        return pool.preparedQuery(TOUCH).execute(Tuple.of(id, Rows.utc(at))).replaceWithVoid();
    }

    private static List<StoredToken> tokens(RowSet<Row> rows) {
        List<StoredToken> tokens = new ArrayList<>();
        for (Row row : rows) {
            tokens.add(new StoredToken(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3), row.getString(4),
                    List.of(row.getArrayOfStrings(5)), instant(row, 6), instant(row, 7), instant(row, 8), instant(row, 9)));
        }
        return tokens;
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
