package dev.drover.hub.notify.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every allow or deny decided in Drover on a session's agent, with who decided and when (ADR 0024). */
@ApplicationScoped
public class DecisionRepository {

    /** One decision: {@code decision} is {@code allow} or {@code deny}; {@code via} {@code hook} or {@code keys}. */
    public record Decision(UUID sessionId, Instant decidedAt, String decidedBy, String decision, String reason, String via,
            String detail) {
    }

    private static final String INSERT = """
            INSERT INTO session_decision (session_id, decided_at, decided_by, decision, reason, via, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String LATEST = """
            SELECT * FROM (SELECT session_id, decided_at, decided_by, decision, reason, via, detail, id
                           FROM session_decision WHERE session_id = $1 ORDER BY decided_at DESC, id DESC LIMIT $2) latest
            ORDER BY decided_at, id""";

    private final Pool pool;

    public DecisionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(Decision decision) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addUUID(decision.sessionId())
                        .addOffsetDateTime(decision.decidedAt().atOffset(ZoneOffset.UTC))
                        .addString(decision.decidedBy())
                        .addString(decision.decision())
                        .addString(decision.reason())
                        .addString(decision.via())
                        .addString(decision.detail()))
                .replaceWithVoid();
    }

    /** The session's latest {@code limit} decisions, oldest first. */
    public Uni<List<Decision>> latest(UUID sessionId, int limit) {
        return pool.preparedQuery(LATEST).execute(Tuple.of(sessionId, limit)).map(rows -> {
            List<Decision> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new Decision(row.getUUID("session_id"), row.getOffsetDateTime("decided_at").toInstant(),
                        row.getString("decided_by"), row.getString("decision"), row.getString("reason"), row.getString("via"),
                        row.getString("detail")));
            }
            return found;
        });
    }
}
