package dev.drover.hub.spend.repository;

import dev.drover.hub.session.repository.SessionShareRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums of usage events observed between two instants, grouped by one {@link SpendDimension}, from the events
 * themselves (so a session that spent over several days counts on each). Sums are capped at 2^63−1 (the database
 * adds them as numerics).
 */
@ApplicationScoped
public class SpendRepository {

    private static final String CAPPED = "LEAST(COALESCE(SUM(%s), 0), 9223372036854775807)::bigint";
    private static final String FIGURES = String.join(",\n    ",
            CAPPED.formatted("u.input_tokens::numeric") + " AS input_tokens",
            CAPPED.formatted("u.output_tokens::numeric") + " AS output_tokens",
            CAPPED.formatted("u.cache_read_tokens::numeric") + " AS cache_read_tokens",
            CAPPED.formatted("u.cache_creation_tokens::numeric") + " AS cache_creation_tokens",
            CAPPED.formatted("u.cost_nano_usd::numeric") + " AS cost",
            CAPPED.formatted("u.cost_nano_usd::numeric) FILTER (WHERE u.cost_basis = 'estimated'") + " AS estimated",
            CAPPED.formatted("u.input_tokens::numeric + u.output_tokens + u.cache_read_tokens + u.cache_creation_tokens)"
                    + " FILTER (WHERE u.cost_basis = 'unpriced'") + " AS unpriced_tokens",
            "count(*) FILTER (WHERE u.cost_basis = 'unpriced') AS unpriced_events",
            "count(DISTINCT u.session_id) AS sessions");
    private static final String FROM = """
            FROM usage_event u JOIN session s ON s.id = u.session_id JOIN host h ON h.id = s.host_id
            WHERE u.observed_at >= $1 AND u.observed_at < $2
                AND ($4::uuid IS NULL OR s.host_id = $4) AND ($5::text IS NULL OR s.cwd = $5)
                AND ($6::text IS NULL OR u.model = $6) AND ($7::text IS NULL OR s.profile = $7)
                AND ($8::text IS NULL OR s.created_by = $8)
                AND ($9::text IS NULL OR """ + SessionShareRepository.visible("s", "$9") + ")";
    /** Every query takes the same parameters; the zone ($3), which counts only for days, is typed here. */
    private static final String UNPRICED_MODELS = "SELECT DISTINCT u.model " + FROM
            + " AND u.cost_basis = 'unpriced' AND $3::text IS NOT NULL ORDER BY 1";
    private static final String TOTAL = "SELECT " + FIGURES + "\n" + FROM + " AND $3::text IS NOT NULL";

    private final Pool pool;

    public SpendRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The groups' usage, largest cost first (days in order), from {@code from} (inclusive) to {@code to}
     * (exclusive); days are counted in {@code zone}.
     */
    public Uni<List<SpendRow>> grouped(SpendDimension by, SpendFilter filter, OffsetDateTime from, OffsetDateTime to,
            ZoneId zone) {
        return pool.preparedQuery(query(by))
                .execute(parameters(filter, from, to, zone))
                .map(rows -> {
                    List<SpendRow> found = new ArrayList<>();
                    rows.forEach(row -> found.add(row(by, row)));
                    return found;
                });
    }

    /** The usage of every group together. */
    public Uni<SpendRow> total(SpendFilter filter, OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        return pool.preparedQuery(TOTAL)
                .execute(parameters(filter, from, to, zone))
                .map(rows -> row(null, rows.iterator().next()));
    }

    /** The models without a price that spent in the range, by name. */
    public Uni<List<String>> unpricedModels(SpendFilter filter, OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        return pool.preparedQuery(UNPRICED_MODELS)
                .execute(parameters(filter, from, to, zone))
                .map(rows -> {
                    List<String> models = new ArrayList<>();
                    rows.forEach(row -> models.add(row.getString(0)));
                    return models;
                });
    }

    private static Tuple parameters(SpendFilter filter, OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        return Tuple.tuple()
                .addOffsetDateTime(from)
                .addOffsetDateTime(to)
                .addString(zone.getId())
                .addUUID(filter.hostId())
                .addString(filter.project())
                .addString(filter.model())
                .addString(filter.profile())
                .addString(filter.user())
                .addString(filter.visibleTo());
    }

    private static String query(SpendDimension by) {
        String group = switch (by) {
            case DAY -> "to_char((u.observed_at AT TIME ZONE $3)::date, 'YYYY-MM-DD')";
            case HOST -> "s.host_id, h.name";
            case PROJECT -> "s.host_id, h.name, s.cwd";
            case MODEL -> "u.model";
            case PROFILE -> "s.profile";
            case USER -> "s.created_by";
            case SESSION -> "s.id, s.host_id, h.name, s.cwd, s.profile, s.created_by, s.task";
        };
        String order = by == SpendDimension.DAY ? "1" : "cost DESC, 1";
        return "SELECT " + group + ",\n    " + FIGURES + "\n" + FROM + "\nGROUP BY " + group + "\nORDER BY " + order;
    }

    private static SpendRow row(SpendDimension by, Row row) {
        boolean host = by == SpendDimension.HOST || by == SpendDimension.PROJECT || by == SpendDimension.SESSION;
        boolean session = by == SpendDimension.SESSION;
        return new SpendRow(
                by == SpendDimension.DAY ? row.getString(0) : null,
                host ? row.getUUID("host_id") : null,
                host ? row.getString("name") : null,
                by == SpendDimension.PROJECT || session ? row.getString("cwd") : null,
                by == SpendDimension.MODEL ? row.getString("model") : null,
                by == SpendDimension.PROFILE || session ? row.getString("profile") : null,
                by == SpendDimension.USER || session ? row.getString("created_by") : null,
                session ? row.getUUID("id") : null,
                session ? row.getString("task") : null,
                row.getLong("input_tokens"), row.getLong("output_tokens"), row.getLong("cache_read_tokens"),
                row.getLong("cache_creation_tokens"), row.getLong("cost"), row.getLong("estimated"),
                row.getLong("unpriced_tokens"), row.getLong("unpriced_events"), row.getLong("sessions"));
    }
}
