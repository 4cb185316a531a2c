package dev.drover.hub.budget.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a user's or a project's sessions spent between two instants: the sum of their usage events
 * observed then. Token sums are capped at 2^63−1 (the database adds them as numerics).
 */
@ApplicationScoped
public class DaySpendRepository {

    /** Cost in nano-USD and every kind of token. */
    public record Spent(long costNanoUsd, long tokens) {
    }

    private static final String SUMS = """
            SELECT LEAST(COALESCE(SUM(u.cost_nano_usd::numeric), 0), 9223372036854775807)::bigint AS cost,
                LEAST(COALESCE(SUM(u.input_tokens::numeric + u.output_tokens + u.cache_read_tokens
                    + u.cache_creation_tokens), 0), 9223372036854775807)::bigint AS tokens
            FROM usage_event u JOIN session s ON s.id = u.session_id
            WHERE u.observed_at >= $1 AND u.observed_at < $2""";
    private static final String BY_USER = SUMS + " AND s.created_by = $3";
    private static final String BY_PROJECT = SUMS + " AND s.host_id = $3 AND s.cwd = $4";

    private final Pool pool;

    public DaySpendRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Spent> ofUser(String username, OffsetDateTime from, OffsetDateTime to) {
        return pool.preparedQuery(BY_USER)
                .execute(Tuple.of(from, to, username))
                .map(rows -> spent(rows.iterator().next()));
    }

    public Uni<Spent> ofProject(UUID hostId, String path, OffsetDateTime from, OffsetDateTime to) {
        return pool.preparedQuery(BY_PROJECT)
                .execute(Tuple.of(from, to, hostId, path))
                .map(rows -> spent(rows.iterator().next()));
    }

    private static Spent spent(Row row) {
        return new Spent(row.getLong("cost"), row.getLong("tokens"));
    }
}
