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
            long cacheReadTokens, long cacheCreationTokens, long costNanoUsd, String source,
            OffsetDateTime observedAt) {
    }

    /** What happened to an event. */
    public enum Outcome {
        COUNTED,
        DUPLICATE,
        UNKNOWN_SESSION
    }

    private static final String INSERT = """
            INSERT INTO usage_event (event_id, session_id, model, input_tokens, output_tokens, cache_read_tokens,
                cache_creation_tokens, cost_nano_usd, source, observed_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
            WHERE EXISTS (SELECT 1 FROM session WHERE id = $2)
            ON CONFLICT (event_id) DO NOTHING""";
    private static final String ADD_TO_SESSION = """
            UPDATE session SET input_tokens = input_tokens + $2, output_tokens = output_tokens + $3,
                cache_read_tokens = cache_read_tokens + $4, cache_creation_tokens = cache_creation_tokens + $5,
                cost_nano_usd = cost_nano_usd + $6
            WHERE id = $1""";
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
                        .addOffsetDateTime(event.observedAt()))
                .chain(inserted -> inserted.rowCount() == 1
                        ? connection.preparedQuery(ADD_TO_SESSION)
                                .execute(Tuple.of(event.sessionId(), event.inputTokens(), event.outputTokens(),
                                        event.cacheReadTokens(), event.cacheCreationTokens(), event.costNanoUsd()))
                                .replaceWith(Outcome.COUNTED)
                        : connection.preparedQuery(SESSION_EXISTS)
                                .execute(Tuple.of(event.sessionId()))
                                .map(rows -> rows.size() == 1 ? Outcome.DUPLICATE : Outcome.UNKNOWN_SESSION)));
    }
}
