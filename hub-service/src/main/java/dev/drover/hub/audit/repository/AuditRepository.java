package dev.drover.hub.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The append-only {@code audit_entry} table, on the reactive pool. */
@ApplicationScoped
public class AuditRepository {

    private static final String INSERT = "INSERT INTO audit_entry (at, actor, token, action, target, address, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private static final String SEARCH_TEXT = "(actor || ' ' || coalesce(token, '') || ' ' || action || ' ' "
            + "|| coalesce(target, '') || ' ' || coalesce(address, '') || ' ' || detail::text)";
    private static final String PURGE = "DELETE FROM audit_entry WHERE at < $1";

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /** One entry as stored. */
    public record StoredEntry(long id, Instant at, String actor, String token, String action, String target, String address,
                              Map<String, Object> detail) {
    }

    /** One page of a search and how many entries match in all. */
    public record Found(List<StoredEntry> entries, long total) {
    }

    public Uni<Void> insert(Instant at, String actor, String token, String action, String target, String address,
                            Map<String, ?> detail) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple(Arrays.asList(utc(at), actor, token, action, target, address,
                        new JsonObject(new HashMap<String, Object>(detail)))))
                .replaceWithVoid();
    }

    /** The entries matching {@code filter}, newest first, {@code limit} of them from {@code offset}. */
    public Uni<Found> search(AuditFilter filter, int limit, long offset) {
        List<Object> values = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            values.add(filter.actor());
            conditions.add("actor = $" + values.size());
        }
        if (filter.action() != null) {
            values.add(filter.action());
            values.add(likeEscaped(filter.action()) + ".%");
            conditions.add("(action = $" + (values.size() - 1) + " OR action LIKE $" + values.size() + ")");
        }
        if (filter.target() != null) {
            values.add(filter.target());
            conditions.add("target = $" + values.size());
        }
        if (filter.from() != null) {
            values.add(utc(filter.from()));
            conditions.add("at >= $" + values.size());
        }
        if (filter.to() != null) {
            values.add(utc(filter.to()));
            conditions.add("at < $" + values.size());
        }
        for (String word : filter.words()) {
            values.add("%" + likeEscaped(word) + "%");
            conditions.add(SEARCH_TEXT + " ILIKE $" + values.size());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<Object> paged = new ArrayList<>(values);
        paged.add(limit);
        paged.add(offset);
        String page = "SELECT id, at, actor, token, action, target, address, detail FROM audit_entry" + where
                + " ORDER BY at DESC, id DESC LIMIT $" + (paged.size() - 1) + " OFFSET $" + paged.size();
        return pool.preparedQuery("SELECT count(*) FROM audit_entry" + where)
                .execute(Tuple.tuple(values))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(total -> pool.preparedQuery(page).execute(Tuple.tuple(paged)).map(rows -> {
                    List<StoredEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(entry(row));
                    }
                    return new Found(entries, total);
                }));
    }

    /**
     * Deletes the entries older than {@code before}, in a transaction that sets
     * {@code drover.audit_retention} so that the append-only trigger lets it; answers how many.
     */
    public Uni<Integer> purge(Instant before) {
        return pool.withTransaction(connection -> connection.query("SET LOCAL drover.audit_retention = 'on'").execute()
                .chain(() -> connection.preparedQuery(PURGE).execute(Tuple.of(utc(before))))
                .map(rows -> rows.rowCount()));
    }

    private static StoredEntry entry(Row row) {
        JsonObject detail = row.getJsonObject(7);
        return new StoredEntry(row.getLong(0), row.getOffsetDateTime(1).toInstant(), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), detail == null ? Map.of() : detail.getMap());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
