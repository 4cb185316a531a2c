package dev.drover.hub.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Usage events and the session totals they feed, through the reactive client directly: the
 * insert-if-new and the total update need {@code ON CONFLICT} and must share one transaction.
 */
@ApplicationScoped
public class UsageEventRepository {

    /** One usage delta as it is stored. */
    public record UsageEvent(String eventId, UUID sessionId, String model, long inputTokens, long outputTokens,
            long cacheReadTokens, long cacheCreationTokens, long costNanoUsd, String costBasis, long contextWindow,
            String source, OffsetDateTime observedAt) {
    }

    /** What happened to an event. */
    public enum Outcome {
        COUNTED,
        DUPLICATE,
        UNKNOWN_SESSION
    }

    private static final String INSERT = """
            INSERT INTO usage_event (event_id, session_id, model, input_tokens, output_tokens, cache_read_tokens,
                cache_creation_tokens, cost_nano_usd, source, observed_at, cost_basis)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
            WHERE EXISTS (SELECT 1 FROM session WHERE id = $2)
            ON CONFLICT (event_id) DO NOTHING""";
    /** The event's prompt tokens: input + cache read + cache creation, as a numeric that cannot overflow. */
    private static final String PROMPT = "($2::numeric + $4 + $5)";
    /**
     * Adds the event to the totals, its cost to the estimated part when it is priced from a profile and its tokens
     * to the unpriced ones when its model has no price. An event with prompt tokens (input + cache read + cache creation, capped at
     * 2^63−1) observed no earlier than the session's context becomes it: an event resent late does not move it back.
     */
    private static final String ADD_TO_SESSION = """
            UPDATE session SET input_tokens = input_tokens + $2, output_tokens = output_tokens + $3,
                cache_read_tokens = cache_read_tokens + $4, cache_creation_tokens = cache_creation_tokens + $5,
                cost_nano_usd = cost_nano_usd + $6,
                estimated_cost_nano_usd = estimated_cost_nano_usd + CASE WHEN $10 = 'estimated' THEN $6 ELSE 0 END,
                unpriced_tokens = unpriced_tokens + CASE WHEN $10 = 'unpriced' THEN $2 + $3 + $4 + $5 ELSE 0 END,
                context_tokens = CASE WHEN %1$s THEN LEAST(%2$s, 9223372036854775807)::bigint ELSE context_tokens END,
                context_window = CASE WHEN %1$s THEN $7 ELSE context_window END,
                context_model = CASE WHEN %1$s THEN $8 ELSE context_model END,
                context_at = CASE WHEN %1$s THEN $9 ELSE context_at END
            WHERE id = $1""".formatted(PROMPT + " > 0 AND (context_at IS NULL OR context_at <= $9)", PROMPT);
    private static final String SESSION_EXISTS = "SELECT 1 FROM session WHERE id = $1";

    private final Pool pool;

    public UsageEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the event once and, only when it is new, adds it to its session's totals, in one transaction. */
    public Uni<Outcome> record(UsageEvent event) {
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addString(event.eventId())
                        .addUUID(event.sessionId())
                        .addString(event.model())
                        .addLong(event.inputTokens())
                        .addLong(event.outputTokens())
                        .addLong(event.cacheReadTokens())
                        .addLong(event.cacheCreationTokens())
                        .addLong(event.costNanoUsd())
                        .addString(event.source())
                        .addOffsetDateTime(event.observedAt())
                        .addString(event.costBasis()))
                .chain(inserted -> inserted.rowCount() == 1
                        ? connection.preparedQuery(ADD_TO_SESSION)
                                .execute(Tuple.tuple()
                                        .addUUID(event.sessionId())
                                        .addLong(event.inputTokens())
                                        .addLong(event.outputTokens())
                                        .addLong(event.cacheReadTokens())
                                        .addLong(event.cacheCreationTokens())
                                        .addLong(event.costNanoUsd())
                                        .addLong(event.contextWindow() > 0 ? event.contextWindow() : null)
                                        .addString(event.model())
                                        .addOffsetDateTime(event.observedAt())
                                        .addString(event.costBasis()))
                                .replaceWith(Outcome.COUNTED)
                        : connection.preparedQuery(SESSION_EXISTS)
                                .execute(Tuple.of(event.sessionId()))
                                .map(rows -> rows.size() == 1 ? Outcome.DUPLICATE : Outcome.UNKNOWN_SESSION)));
    }
}
