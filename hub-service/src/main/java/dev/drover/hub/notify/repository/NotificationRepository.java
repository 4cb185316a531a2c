package dev.drover.hub.notify.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each person's notification settings and muted sessions, the inbox of sessions that need a person,
 * and the record of webhook notifications sent (ADR 0024), through the reactive client directly:
 * saves and claims are {@code INSERT ... ON CONFLICT}, so two at once do not collide.
 */
@ApplicationScoped
public class NotificationRepository {

    /** A session whose agent waits for a person, as the inbox lists it. */
    public record Waiting(UUID sessionId, String hostName, String cwd, String projectName, String branch, String profile,
            String task, String state, Instant since, String detail, boolean muted) {
    }

    /** A webhook notification that used up its attempts: which transition, when it was given up, and why. */
    public record FailedDelivery(UUID sessionId, String state, Instant since, Instant failedAt, int attempts, String lastError) {
    }

    /** A person to notify by webhook. */
    public record Recipient(UUID accountId, String username, String webhookUrl) {
    }

    private static final String WAITING = """
            SELECT s.id, h.name AS host_name, s.cwd, p.name AS project_name,
                   COALESCE(s.worktree_branch, p.branch) AS branch, s.profile, s.task,
                   s.activity, s.activity_since, s.activity_detail, m.session_id IS NOT NULL AS muted
            FROM session s
            JOIN host h ON h.id = s.host_id
            LEFT JOIN project p ON p.host_id = s.host_id AND p.path = s.cwd
            LEFT JOIN session_mute m ON m.session_id = s.id AND m.account_id = $1
            WHERE s.state IN ('starting', 'running') AND s.activity IN ('needs-approval', 'needs-answer')
              AND ($2::uuid IS NULL OR s.id = $2)
            ORDER BY s.activity_since, s.id""";
    private static final String WEBHOOK = "SELECT webhook_url FROM notification_setting WHERE account_id = $1";
    private static final String SAVE_WEBHOOK = """
            INSERT INTO notification_setting (account_id, webhook_url, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (account_id) DO UPDATE SET webhook_url = excluded.webhook_url, updated_at = excluded.updated_at""";
    private static final String MUTE = """
            INSERT INTO session_mute (account_id, session_id, muted_at) VALUES ($1, $2, $3)
            ON CONFLICT (account_id, session_id) DO NOTHING""";
    private static final String UNMUTE = "DELETE FROM session_mute WHERE account_id = $1 AND session_id = $2";
    private static final String MUTED = "SELECT session_id FROM session_mute WHERE account_id = $1 ORDER BY muted_at";
    private static final String RECIPIENTS = """
            SELECT a.id, a.username, n.webhook_url
            FROM notification_setting n
            JOIN account a ON a.id = n.account_id
            WHERE n.webhook_url IS NOT NULL AND a.disabled_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM session_mute m WHERE m.account_id = a.id AND m.session_id = $1)
              AND ('admin' = ANY (a.roles)
                   OR a.username = (SELECT created_by FROM session WHERE id = $1)
                   OR EXISTS (SELECT 1 FROM session_share sh WHERE sh.session_id = $1 AND sh.account_id = a.id))
            ORDER BY a.username""";
    private static final String CLAIM = """
            INSERT INTO notification_sent (account_id, session_id, since, state, sent_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING""";

    private static final String FAILED = """
            UPDATE notification_sent SET failed_at = $5, attempts = $6, last_error = $7
            WHERE account_id = $1 AND session_id = $2 AND since = $3 AND state = $4""";
    private static final String FAILURES = """
            SELECT session_id, state, since, failed_at, attempts, last_error FROM notification_sent
            WHERE account_id = $1 AND failed_at IS NOT NULL
            ORDER BY failed_at DESC LIMIT $2""";

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    /** The sessions that wait for a person, longest waiting first, muted or not for {@code accountId}; one when {@code only} is given. */
    public Uni<List<Waiting>> waiting(UUID accountId, UUID only) {
        return pool.preparedQuery(WAITING).execute(Tuple.of(accountId, only)).map(rows -> {
            List<Waiting> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new Waiting(row.getUUID("id"), row.getString("host_name"), row.getString("cwd"),
                        row.getString("project_name"), row.getString("branch"), row.getString("profile"),
                        row.getString("task"), row.getString("activity"),
                        row.getOffsetDateTime("activity_since").toInstant(), row.getString("activity_detail"),
                        row.getBoolean("muted")));
            }
            return found;
        });
    }

    public Uni<Optional<String>> webhook(UUID accountId) {
        return pool.preparedQuery(WEBHOOK).execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
    }

    /** Sets (or with null, clears) the person's webhook. */
    public Uni<Void> saveWebhook(UUID accountId, String url) {
        return pool.preparedQuery(SAVE_WEBHOOK).execute(Tuple.of(accountId, url, now())).replaceWithVoid();
    }

    public Uni<Void> mute(UUID accountId, UUID sessionId) {
        return pool.preparedQuery(MUTE).execute(Tuple.of(accountId, sessionId, now())).replaceWithVoid();
    }

    public Uni<Void> unmute(UUID accountId, UUID sessionId) {
        return pool.preparedQuery(UNMUTE).execute(Tuple.of(accountId, sessionId)).replaceWithVoid();
    }

    /** The sessions the person muted, in the order they were muted. */
    public Uni<List<UUID>> muted(UUID accountId) {
        return pool.preparedQuery(MUTED).execute(Tuple.of(accountId)).map(rows -> {
            List<UUID> found = new ArrayList<>();
            rows.forEach(row -> found.add(row.getUUID(0)));
            return found;
        });
    }

    /** The enabled people with a webhook who did not mute the session. */
    public Uni<List<Recipient>> recipients(UUID sessionId) {
        return pool.preparedQuery(RECIPIENTS).execute(Tuple.of(sessionId)).map(rows -> {
            List<Recipient> found = new ArrayList<>();
            rows.forEach(row -> found.add(new Recipient(row.getUUID(0), row.getString(1), row.getString(2))));
            return found;
        });
    }

    /** Takes the one notification of the person for the session's transition; false when it was taken before. */
    public Uni<Boolean> claim(UUID accountId, UUID sessionId, Instant since, String state) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.tuple().addUUID(accountId).addUUID(sessionId).addOffsetDateTime(since.atOffset(ZoneOffset.UTC))
                        .addString(state).addOffsetDateTime(now()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records that the person's notification of the session's transition was given up after {@code attempts}, and why. */
    public Uni<Void> failed(UUID accountId, UUID sessionId, Instant since, String state, int attempts, String lastError) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.tuple().addUUID(accountId).addUUID(sessionId).addOffsetDateTime(since.atOffset(ZoneOffset.UTC))
                        .addString(state).addOffsetDateTime(now()).addInteger(attempts).addString(lastError))
                .replaceWithVoid();
    }

    /** The person's latest {@code limit} webhook notifications that were given up, newest first. */
    public Uni<List<FailedDelivery>> failures(UUID accountId, int limit) {
        return pool.preparedQuery(FAILURES).execute(Tuple.of(accountId, limit)).map(rows -> {
            List<FailedDelivery> found = new ArrayList<>();
            rows.forEach(row -> found.add(new FailedDelivery(row.getUUID(0), row.getString(1),
                    row.getOffsetDateTime(2).toInstant(), row.getOffsetDateTime(3).toInstant(), row.getInteger(4), row.getString(5))));
            return found;
        });
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
