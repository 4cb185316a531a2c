package dev.drover.hub.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Telemetry events the hub could not apply, with the reason, newest first. */
@ApplicationScoped
public class DeadLetterRepository {

    /** One dead-lettered event: identifiers with control characters escaped, the event as received. */
    public record DeadLetter(String eventId, String sessionId, String reason, byte[] event, OffsetDateTime receivedAt) {
    }

    private static final String INSERT = """
            INSERT INTO telemetry_dead_letter (event_id, session_id, reason, event, received_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (event_id) DO NOTHING""";
    private static final String NEWEST = """
            SELECT event_id, session_id, reason, event, received_at FROM telemetry_dead_letter
            ORDER BY received_at DESC, event_id LIMIT $1""";

    private final Pool pool;

    public DeadLetterRepository(Pool pool) {
        this.pool = pool;
    }

    /** Keeps the event once (a resent dead letter is not stored again). */
    public Uni<Void> add(DeadLetter letter) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addString(letter.eventId())
                        .addString(letter.sessionId())
                        .addString(letter.reason())
                        .addBuffer(Buffer.buffer(letter.event()))
                        .addOffsetDateTime(letter.receivedAt()))
                .replaceWithVoid();
    }

    /** The newest {@code limit} dead letters. */
    public Uni<List<DeadLetter>> newest(int limit) {
        return pool.preparedQuery(NEWEST).execute(Tuple.of(limit)).map(rows -> {
            List<DeadLetter> letters = new ArrayList<>();
            for (Row row : rows) {
                letters.add(new DeadLetter(row.getString("event_id"), row.getString("session_id"),
                        row.getString("reason"), row.getBuffer("event").getBytes(),
                        row.getOffsetDateTime("received_at")));
            }
            return letters;
        });
    }
}
