package dev.drover.hub.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** The indexed expression of V12__session_list_indexes.sql: it must be spelled the same to use the index. */
    private static final String SEARCH_TEXT =
            "session_search_text(task, command, cwd, worktree_path, shell_cwd, shell_last_command)";
    /** A literal list (not a parameter) so that the planner sees it; the states are the enum's own names. */
    private static final String LIVE = Arrays.stream(SessionState.values())
            .filter(SessionState::live)
            .map(state -> "'" + state.wire() + "'")
            .collect(Collectors.joining(", ", "state IN (", ")"));
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";
    /** Sessions the user {@code :visibleTo} started or that are shared with them (ADR 0028). */
    private static final String VISIBLE = "(created_by = :visibleTo OR EXISTS (SELECT 1 FROM session_share sh "
            + "JOIN account a ON a.id = sh.account_id WHERE sh.session_id = session.id AND a.username = :visibleTo))";

    /** Some of a filtered list's sessions, how many match in all, and how many of those the filter hid as ended. */
    public record Slice(List<Session> sessions, long total, long hiddenEnded) {
    }

    /**
     * Sessions matching {@code filter}, newest first (ids are UUIDv7, so creation order), skipping
     * {@code offset} of them and answering at most {@code limit} (all of them when null).
     */
    public Uni<Slice> find(SessionFilter filter, Integer limit, int offset) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        narrow(filter, where, parameters);
        String matching = where.toString();
        String shown = filter.includeEnded() ? matching : (matching.isEmpty() ? " WHERE " : matching + " AND ") + LIVE;
        String page = limit == null ? "" : " LIMIT " + limit + " OFFSET " + offset;
        String count = "SELECT count(*), count(*) FILTER (WHERE NOT " + LIVE + ") FROM session" + matching;
        return getSession().chain(session -> bind(session.createNativeQuery(count, Object[].class), parameters)
                .getSingleResult()
                .chain(counts -> bind(session.createNativeQuery("SELECT * FROM session" + shown + NEWEST_FIRST + page,
                        Session.class), parameters)
                        .getResultList()
                        .map(found -> {
                            long all = ((Number) counts[0]).longValue();
                            long ended = ((Number) counts[1]).longValue();
                            return filter.includeEnded()
                                    ? new Slice(found, all, 0)
                                    : new Slice(found, all - ended, ended);
                        })));
    }

    /**
     * The values each list filter can take, each once, sorted (at most {@link #MAX_CHOICES} of each), among
     * the sessions {@code visibleTo} may see (null: all).
     */
    public Uni<Choices> choices(String visibleTo) {
        return distinct("host_id", UUID.class, visibleTo)
                .chain(hostIds -> distinct("profile", String.class, visibleTo)
                        .chain(profiles -> distinct("cwd", String.class, visibleTo)
                                .chain(projects -> distinct("created_by", String.class, visibleTo)
                                        .map(creators -> new Choices(hostIds, profiles, projects, creators)))));
    }

    /** The hosts, profiles, directories and users that sessions have. */
    public record Choices(List<UUID> hostIds, List<String> profiles, List<String> projects, List<String> creators) {
    }

    /** The most values {@link #choices} answers per filter. */
    public static final int MAX_CHOICES = 1000;

    /** {@code column} is one of this class's own literals, never the caller's text. */
    private <T> Uni<List<T>> distinct(String column, Class<T> type, String visibleTo) {
        String sql = "SELECT DISTINCT " + column + " FROM session WHERE " + column + " IS NOT NULL"
                + (visibleTo == null ? "" : " AND " + VISIBLE) + " ORDER BY 1 LIMIT " + MAX_CHOICES;
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, type);
            if (visibleTo != null) {
                query.setParameter("visibleTo", visibleTo);
            }
            return query.getResultList();
        });
    }

    public Uni<List<Session>> listLive(UUID hostId) {
        return list("hostId = ?1 and state in ?2", hostId, List.of(SessionState.STARTING, SessionState.RUNNING));
    }

    /** The live sessions {@code createdBy} started, on any host. */
    public Uni<List<Session>> listLiveCreatedBy(String createdBy) {
        return list("createdBy = ?1 and state in ?2", createdBy, List.of(SessionState.STARTING, SessionState.RUNNING));
    }

    /** The live sessions working in the project at {@code path} on host {@code hostId}. */
    public Uni<List<Session>> listLiveInProject(UUID hostId, String path) {
        return list("hostId = ?1 and cwd = ?2 and state in ?3", hostId, path,
                List.of(SessionState.STARTING, SessionState.RUNNING));
    }

    /** The live sessions on host {@code hostId} that owe a budget stop. */
    public Uni<List<Session>> listOwingBudgetStop(UUID hostId) {
        return list("hostId = ?1 and budgetStopOwed is not null and state in ?2", hostId,
                List.of(SessionState.STARTING, SessionState.RUNNING));
    }

    /** Sets or (with null) clears why a budget stop is owed to the session. */
    public Uni<Integer> oweBudgetStop(UUID id, String why) {
        return update("update Session set budgetStopOwed = ?1 where id = ?2", why, id);
    }

    /** Sets the session's budget mark ({@code budgetWarnedAt} or {@code budgetSpentAt}) unless set; whether it did. */
    public Uni<Boolean> markBudget(UUID id, String mark, Instant at) {
        return update("update Session set " + mark + " = ?1 where id = ?2 and " + mark + " is null", at, id)
                .map(updated -> updated == 1);
    }

    private static void narrow(SessionFilter filter, StringJoiner where, Map<String, Object> parameters) {
        equal(where, parameters, "host_id", filter.hostId());
        equal(where, parameters, "state", filter.state() == null ? null : filter.state().wire());
        equal(where, parameters, "profile", filter.profile());
        equal(where, parameters, "cwd", filter.project());
        equal(where, parameters, "created_by", filter.createdBy());
        if (filter.visibleTo() != null) {
            where.add(VISIBLE);
            parameters.put("visibleTo", filter.visibleTo());
        }
        for (int i = 0; i < filter.words().size(); i++) {
            where.add(SEARCH_TEXT + " LIKE :word" + i + " ESCAPE '!'");
            parameters.put("word" + i, "%" + escapeLike(filter.words().get(i).toLowerCase(Locale.ROOT)) + "%");
        }
    }

    private static void equal(StringJoiner where, Map<String, Object> parameters, String column, Object value) {
        if (value != null) {
            where.add(column + " = :" + column);
            parameters.put(column, value);
        }
    }

    /** The word as a LIKE pattern matching itself: its wildcards and the escape character escaped. */
    static String escapeLike(String word) {
        return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static <Q extends Mutiny.SelectionQuery<?>> Q bind(Q query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
