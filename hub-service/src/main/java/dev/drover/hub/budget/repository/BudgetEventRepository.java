package dev.drover.hub.budget.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Budget events, newest first. A day budget's event is stored once per kind and day: the unique
 * indexes refuse a second one, and {@link #add} says whether this call stored it.
 */
@ApplicationScoped
public class BudgetEventRepository {

    /**
     * One event: {@code kind} warning (80 %) or spent (100 %) of a {@code scope} session, user or
     * project budget, seen on {@code sessionId}'s usage; {@code day} for day budgets.
     */
    public record BudgetEvent(UUID id, String kind, String scope, UUID sessionId, String username, UUID hostId,
            String path, LocalDate day, Long limitCostNanoUsd, Long limitTokens, long spentCostNanoUsd,
            long spentTokens, OffsetDateTime at) {
    }

    private static final String COLUMNS = """
            id, kind, scope, session_id, username, host_id, path, day, limit_cost_nano_usd, limit_tokens,
            spent_cost_nano_usd, spent_tokens, at""";
    private static final String INSERT = "INSERT INTO budget_event (" + COLUMNS + """
            ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT DO NOTHING""";
    private static final String NEWEST = "SELECT " + COLUMNS + """
             FROM budget_event
            WHERE at > $1 AND ($2::uuid IS NULL OR session_id = $2)
            ORDER BY at DESC, id DESC LIMIT $3""";

    private final Pool pool;

    public BudgetEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event unless its day budget already has one of its kind that day; whether it did. */
    public Uni<Boolean> add(BudgetEvent event) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addUUID(event.id())
                        .addString(event.kind())
                        .addString(event.scope())
                        .addUUID(event.sessionId())
                        .addString(event.username())
                        .addUUID(event.hostId())
                        .addString(event.path())
                        .addLocalDate(event.day())
                        .addLong(event.limitCostNanoUsd())
                        .addLong(event.limitTokens())
                        .addLong(event.spentCostNanoUsd())
                        .addLong(event.spentTokens())
                        .addOffsetDateTime(event.at()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The newest events after {@code since}, of one session or of all, at most {@code limit}. */
    public Uni<List<BudgetEvent>> newest(OffsetDateTime since, UUID sessionId, int limit) {
        return pool.preparedQuery(NEWEST)
                .execute(Tuple.of(since, sessionId, limit))
                .map(rows -> {
                    List<BudgetEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(event(row)));
                    return events;
                });
    }

    private static BudgetEvent event(Row row) {
        return new BudgetEvent(row.getUUID("id"), row.getString("kind"), row.getString("scope"),
                row.getUUID("session_id"), row.getString("username"), row.getUUID("host_id"), row.getString("path"),
                row.getLocalDate("day"), row.getLong("limit_cost_nano_usd"), row.getLong("limit_tokens"),
                row.getLong("spent_cost_nano_usd"), row.getLong("spent_tokens"),
                row.getOffsetDateTime("at").withOffsetSameInstant(ZoneOffset.UTC));
    }
}
