package dev.drover.hub.conversation.repository;

import dev.drover.hub.session.repository.SessionShareRepository;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.TranscriptEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conversation archive (tables {@code conversation} and {@code conversation_message}, migration
 * V27, ADR 0031), in plain SQL on the reactive pool: ingest is one transaction per transcript batch,
 * search is PostgreSQL full-text search ({@code websearch_to_tsquery}, {@code ts_rank}, {@code ts_headline}).
 */
@ApplicationScoped
public class ConversationRepository {

    /** Marks the start of a match in a headline (a control character that the text cannot hold: it is removed first). */
    public static final String MARK_START = "\u0001";
    /** Marks the end of a match in a headline. */
    public static final String MARK_END = "\u0002";

    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversation (id, host_id, agent, agent_session_id, session_id, project, started_at, updated_at)
            VALUES ($1, $2, $3, $4, (SELECT s.id FROM session s WHERE s.host_id = $2 AND (s.id = $5 OR s.agent_session_id = $4)
                    ORDER BY COALESCE(s.id = $5, false) DESC, s.created_at LIMIT 1), $6, $7, $7)
            ON CONFLICT (host_id, agent, agent_session_id) DO UPDATE
                SET session_id = COALESCE(conversation.session_id, excluded.session_id),
                    project = COALESCE(conversation.project, excluded.project)
            RETURNING id, last_seq""";

    private static final String UPSERT_MESSAGE = """
            WITH counted AS (SELECT EXISTS (SELECT 1 FROM conversation_message o WHERE o.conversation_id = $1
                    AND o.agent_message_id = $4 AND o.entry_key <> $3
                    AND o.input_tokens + o.output_tokens + o.cache_read_tokens + o.cache_write_tokens > 0) AS already)
            INSERT INTO conversation_message AS m (conversation_id, seq, entry_key, agent_message_id, parent_seq, subagent_id,
                    role, kind, text, tool_name, tool_use_id, is_error, model, input_tokens, output_tokens, cache_read_tokens,
                    cache_write_tokens, at)
            SELECT $1::uuid, $2::bigint, $3::text, $4::text,
                    (SELECT p.seq FROM conversation_message p WHERE p.conversation_id = $1 AND p.entry_key = $5),
                    $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::boolean, $13::text,
                    CASE WHEN already THEN 0 ELSE $14::bigint END, CASE WHEN already THEN 0 ELSE $15::bigint END,
                    CASE WHEN already THEN 0 ELSE $16::bigint END, CASE WHEN already THEN 0 ELSE $17::bigint END,
                    $18::timestamptz
            FROM counted
            ON CONFLICT (conversation_id, entry_key) DO UPDATE
                SET agent_message_id = excluded.agent_message_id,
                    parent_seq = COALESCE(excluded.parent_seq, m.parent_seq),
                    subagent_id = excluded.subagent_id, role = excluded.role, kind = excluded.kind, text = excluded.text,
                    tool_name = excluded.tool_name, tool_use_id = excluded.tool_use_id, is_error = excluded.is_error,
                    model = COALESCE(excluded.model, m.model), at = excluded.at,
                    input_tokens = CASE WHEN %1$s > 0 THEN excluded.input_tokens ELSE m.input_tokens END,
                    output_tokens = CASE WHEN %1$s > 0 THEN excluded.output_tokens ELSE m.output_tokens END,
                    cache_read_tokens = CASE WHEN %1$s > 0 THEN excluded.cache_read_tokens ELSE m.cache_read_tokens END,
                    cache_write_tokens = CASE WHEN %1$s > 0 THEN excluded.cache_write_tokens ELSE m.cache_write_tokens END
            RETURNING seq, (xmax = 0) AS inserted""".formatted(
            "excluded.input_tokens + excluded.output_tokens + excluded.cache_read_tokens + excluded.cache_write_tokens");

    private static final String TOTALS = """
            UPDATE conversation c
            SET last_seq = $2, message_count = a.n, input_tokens = a.i, output_tokens = a.o, cache_read_tokens = a.r,
                cache_write_tokens = a.w, started_at = LEAST(c.started_at, a.first), updated_at = GREATEST(c.updated_at, a.last),
                title = COALESCE(c.title, (SELECT left(t.text, 200) FROM conversation_message t WHERE t.conversation_id = c.id
                        AND t.role = 'user' AND t.kind = 'text' ORDER BY t.seq LIMIT 1))
            FROM (SELECT count(*) AS n, COALESCE(sum(input_tokens), 0) AS i, COALESCE(sum(output_tokens), 0) AS o,
                    COALESCE(sum(cache_read_tokens), 0) AS r, COALESCE(sum(cache_write_tokens), 0) AS w,
                    min(at) AS first, max(at) AS last
                  FROM conversation_message WHERE conversation_id = $1) a
            WHERE c.id = $1
            RETURNING c.session_id, (SELECT o.created_by FROM session o WHERE o.id = c.session_id)""";

    private static final String COLUMNS = """
            c.id, c.host_id, h.name, c.project, c.agent, c.agent_session_id, c.session_id, c.title, c.started_at,
            c.updated_at, c.message_count, c.input_tokens, c.output_tokens, c.cache_read_tokens, c.cache_write_tokens,
            s.created_by,
            EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(h.profiles -> 'profiles', '[]'::jsonb)) p
                    WHERE p ->> 'id' = c.agent AND p -> 'modes' ? 'resume') AS resumable,
            c.resumed_by_session_id""";

    private static final String FROM = " FROM conversation c JOIN host h ON h.id = c.host_id LEFT JOIN session s ON s.id = c.session_id";

    private static final String MESSAGE_COLUMNS = "id, seq, agent_message_id, parent_seq, subagent_id, role, kind, text, tool_name, "
            + "tool_use_id, is_error, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, at";

    private static final String CLAIM_RESUME = """
            UPDATE conversation c SET resume_locked_until = $2
            WHERE c.id = $1 AND (c.resume_locked_until IS NULL OR c.resume_locked_until < now())
              AND NOT EXISTS (SELECT 1 FROM session r WHERE r.id = c.resumed_by_session_id AND r.state IN ('starting', 'running'))
            RETURNING c.id""";

    private final Pool pool;

    public ConversationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies one transcript batch of host {@code hostId} in one transaction: the conversation is created
     * or found (and linked to the Drover session of its agent session id when there is one), each entry
     * inserted with the next seq or, when its key is known, updated in place (its usage kept when the
     * new version carries none; counted only once per agent message).
     */
    public Uni<Ingested> ingest(UUID hostId, DaemonMessage.Transcript batch) {
        Instant first = batch.entries().stream().map(TranscriptEntry::at).min(Comparator.naturalOrder()).orElse(Instant.now());
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_CONVERSATION)
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), hostId, batch.agent(), batch.agentSessionId(),
                        batch.sessionId(), batch.cwd(), utc(first))))
                .map(rows -> rows.iterator().next())
                .chain(conversation -> entries(connection, conversation.getUUID(0), conversation.getLong(1), batch.entries())));
    }

    private Uni<Ingested> entries(SqlConnection connection, UUID conversationId, long lastSeq, List<TranscriptEntry> entries) {
        AtomicLong last = new AtomicLong(lastSeq);
        AtomicInteger changed = new AtomicInteger();
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> connection.preparedQuery(UPSERT_MESSAGE)
                        .execute(messageTuple(conversationId, last.get() + 1, entry))
                        .invoke(rows -> {
                            Row row = rows.iterator().next();
                            changed.incrementAndGet();
                            if (row.getBoolean(1)) {
                                last.set(row.getLong(0));
                            }
                        }))
                .collect().last()
                .chain(() -> connection.preparedQuery(TOTALS).execute(Tuple.of(conversationId, last.get())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Ingested(conversationId, last.get(), row.getUUID(0), row.getString(1), changed.get());
                });
    }

    private static Tuple messageTuple(UUID conversationId, long seq, TranscriptEntry entry) {
        List<Object> values = new ArrayList<>(18);
        values.add(conversationId);
        values.add(seq);
        values.add(entry.key());
        values.add(entry.agentMessageId());
        values.add(entry.parentKey());
        values.add(entry.subagentId());
        values.add(entry.role());
        values.add(entry.kind());
        values.add(entry.text().replace("\u0000", ""));
        values.add(entry.toolName());
        values.add(entry.toolUseId());
        values.add(entry.error());
        values.add(entry.model());
        values.add(entry.inputTokens());
        values.add(entry.outputTokens());
        values.add(entry.cacheReadTokens());
        values.add(entry.cacheWriteTokens());
        values.add(utc(entry.at()));
        return Tuple.from(values);
    }

    /** The conversations {@code filter} lets through, most recently updated first, with how many there are in all. */
    public Uni<Page<ConversationRow>> list(ConversationFilter filter, int limit, long offset) {
        Where where = conversations(filter);
        if (filter.q() != null) {
            where.and("EXISTS (SELECT 1 FROM conversation_message m WHERE m.conversation_id = c.id "
                    + "AND m.search @@ websearch_to_tsquery('english', " + where.param(filter.q()) + "))");
        }
        String sql = "SELECT " + COLUMNS + ", count(*) OVER () AS total" + FROM + where.sql()
                + " ORDER BY c.updated_at DESC, c.id LIMIT " + limit + " OFFSET " + offset;
        return pool.preparedQuery(sql).execute(where.tuple()).map(rows -> {
            List<ConversationRow> found = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                found.add(conversation(row));
                total = row.getLong("total");
            }
            return new Page<>(found, total);
        });
    }

    /** A page of rows and how many match in all. */
    public record Page<T>(List<T> items, long total) {
    }

    /** The conversation, when {@code visibleTo} (null: an admin) may see it. */
    public Uni<ConversationRow> find(UUID id, String visibleTo) {
        Where where = conversations(new ConversationFilter(visibleTo, null, null, null, null, null, null, null, null, null));
        where.and("c.id = " + where.param(id));
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + where.sql()).execute(where.tuple())
                .map(rows -> rows.size() == 0 ? null : conversation(rows.iterator().next()));
    }

    /** The conversation of Drover session {@code sessionId} (the first, when it resumed several). */
    public Uni<UUID> ofSession(UUID sessionId) {
        return pool.preparedQuery("SELECT id FROM conversation WHERE session_id = $1 ORDER BY started_at LIMIT 1")
                .execute(Tuple.of(sessionId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** Messages of a conversation after {@code afterSeq}, in order. */
    public Uni<List<MessageRow>> messages(UUID conversationId, long afterSeq, int limit) {
        return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM conversation_message WHERE conversation_id = $1 AND seq > $2 "
                        + "ORDER BY seq LIMIT $3")
                .execute(Tuple.of(conversationId, afterSeq, limit))
                .map(rows -> {
                    List<MessageRow> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new MessageRow(row.getUUID(0), row.getLong(1), row.getString(2), row.getLong(3),
                                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                                row.getString(9), row.getBoolean(10), row.getString(11), row.getLong(12), row.getLong(13),
                                row.getLong(14), row.getLong(15), row.getOffsetDateTime(16).toInstant()));
                    }
                    return found;
                });
    }

    /** Hosts, their projects and how many conversations each has, of those {@code visibleTo} (null: all) may see. */
    public Uni<List<TreeRow>> tree(String visibleTo) {
        Where where = conversations(new ConversationFilter(visibleTo, null, null, null, null, null, null, null, null, null));
        return pool.preparedQuery("SELECT c.host_id, h.name, c.project, count(*)" + FROM + where.sql()
                        + " GROUP BY c.host_id, h.name, c.project ORDER BY h.name, c.host_id, c.project")
                .execute(where.tuple())
                .map(rows -> {
                    List<TreeRow> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new TreeRow(row.getUUID(0), row.getString(1), row.getString(2), row.getLong(3)));
                    }
                    return found;
                });
    }

    /** One host and project with its number of conversations. */
    public record TreeRow(UUID hostId, String hostName, String project, long conversations) {
    }

    /** The messages matching {@code filter.q()}, best rank first, with their headlines, and how many match in all. */
    public Uni<Page<SearchRow>> search(ConversationFilter filter, int limit, long offset) {
        Where where = conversations(filter);
        String query = where.param(filter.q());
        where.and("m.search @@ websearch_to_tsquery('english', " + query + ")");
        if (filter.role() != null) {
            where.and("m.role = " + where.param(filter.role()));
        }
        if (filter.tool() != null) {
            where.and("m.tool_name = " + where.param(filter.tool()));
        }
        if (filter.from() != null) {
            where.and("m.at >= " + where.param(utc(filter.from())));
        }
        if (filter.to() != null) {
            where.and("m.at < " + where.param(utc(filter.to())));
        }
        String ranked = "SELECT m.conversation_id, m.seq, m.role, m.kind, m.tool_name, m.at, m.text, "
                + "ts_rank(m.search, websearch_to_tsquery('english', " + query + ")) AS rank, h.name AS host_name, c.project, "
                + "c.agent, c.title, count(*) OVER () AS total FROM conversation_message m JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN host h ON h.id = c.host_id LEFT JOIN session s ON s.id = c.session_id" + where.sql()
                + " ORDER BY rank DESC, m.at DESC, m.seq LIMIT " + limit + " OFFSET " + offset;
        String sql = "SELECT r.conversation_id, r.seq, r.role, r.kind, r.tool_name, "
                + "ts_headline('english', translate(r.text, E'\\x01\\x02', ''), websearch_to_tsquery('english', " + query + "), "
                + "'StartSel=\"" + MARK_START + "\", StopSel=\"" + MARK_END + "\", MaxWords=35, MinWords=15, MaxFragments=2, "
                + "FragmentDelimiter=\" … \"'), r.rank, r.at, r.host_name, r.project, r.agent, r.title, r.total FROM (" + ranked
                + ") r ORDER BY r.rank DESC, r.at DESC, r.seq";
        return pool.preparedQuery(sql).execute(where.tuple()).map(rows -> {
            List<SearchRow> found = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                found.add(new SearchRow(row.getUUID(0), row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getDouble(6), row.getOffsetDateTime(7).toInstant(), row.getString(8),
                        row.getString(9), row.getString(10), row.getString(11)));
                total = row.getLong(12);
            }
            return new Page<>(found, total);
        });
    }

    /**
     * Takes the resume lock of a conversation until {@code until}: false when it is held, or when the
     * session that last resumed it still runs.
     */
    public Uni<Boolean> lockResume(UUID id, Instant until) {
        return pool.preparedQuery(CLAIM_RESUME).execute(Tuple.of(id, utc(until))).map(rows -> rows.size() == 1);
    }

    /** Releases the resume lock; records the session that resumed the conversation, when one started. */
    public Uni<Void> resumed(UUID id, UUID sessionId) {
        String sql = sessionId == null ? "UPDATE conversation SET resume_locked_until = NULL WHERE id = $1"
                : "UPDATE conversation SET resume_locked_until = NULL, resumed_by_session_id = $2 WHERE id = $1";
        return pool.preparedQuery(sql).execute(sessionId == null ? Tuple.of(id) : Tuple.of(id, sessionId)).replaceWithVoid();
    }

    /**
     * Deletes conversations not updated for longer than their project's retention ({@code retention}:
     * project to time, checked first) or {@code defaultRetention} (null: kept); answers how many.
     */
    public Uni<Integer> purge(Map<String, Duration> retention, Duration defaultRetention) {
        Instant now = Instant.now();
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("DELETE FROM conversation WHERE ");
        List<String> conditions = new ArrayList<>();
        retention.forEach((project, keep) -> {
            values.add(project);
            values.add(utc(now.minus(keep)));
            conditions.add("(project = $" + (values.size() - 1) + " AND updated_at < $" + values.size() + ")");
        });
        if (defaultRetention != null) {
            values.add(utc(now.minus(defaultRetention)));
            String old = "updated_at < $" + values.size();
            if (retention.isEmpty()) {
                conditions.add(old);
            } else {
                values.add(retention.keySet().toArray(String[]::new));
                conditions.add("(" + old + " AND (project IS NULL OR NOT (project = ANY($" + values.size() + "))))");
            }
        }
        if (conditions.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        sql.append(String.join(" OR ", conditions));
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(RowSet::rowCount);
    }

    private static ConversationRow conversation(Row row) {
        return new ConversationRow(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getUUID(6), row.getString(7), row.getOffsetDateTime(8).toInstant(),
                row.getOffsetDateTime(9).toInstant(), row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13),
                row.getLong(14), row.getString(15), row.getBoolean(16), row.getUUID(17));
    }

    /** The conditions on conversations (alias {@code c}, session {@code s}) of a list, tree or search. */
    private static Where conversations(ConversationFilter filter) {
        Where where = new Where();
        if (filter.visibleTo() != null) {
            where.and("s.id IS NOT NULL AND " + SessionShareRepository.visible("s", where.param(filter.visibleTo())));
        }
        if (filter.hostId() != null) {
            where.and("c.host_id = " + where.param(filter.hostId()));
        }
        if (filter.project() != null) {
            where.and("c.project = " + where.param(filter.project()));
        }
        if (filter.agent() != null) {
            where.and("c.agent = " + where.param(filter.agent()));
        }
        if (filter.user() != null) {
            where.and("s.created_by = " + where.param(filter.user()));
        }
        if (filter.from() != null) {
            where.and("c.updated_at >= " + where.param(utc(filter.from())));
        }
        if (filter.to() != null) {
            where.and("c.started_at < " + where.param(utc(filter.to())));
        }
        return where;
    }

    /** A WHERE clause built with numbered parameters. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        String param(Object value) {
            values.add(value);
            return "$" + values.size();
        }

        void and(String condition) {
            conditions.add(condition);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Tuple tuple() {
            return Tuple.from(values);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
