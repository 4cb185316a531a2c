package dev.drover.hub.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** Sessions matching the optional filters, newest first (ids are UUIDv7, so creation order). */
    public Uni<List<Session>> search(UUID hostId, SessionState state) {
        StringJoiner where = new StringJoiner(" and ");
        Parameters parameters = new Parameters();
        if (hostId != null) {
            where.add("hostId = :hostId");
            parameters.and("hostId", hostId);
        }
        if (state != null) {
            where.add("state = :state");
            parameters.and("state", state);
        }
        Sort newestFirst = Sort.descending("createdAt", "id");
        return where.length() == 0
                ? listAll(newestFirst)
                : list(where.toString(), newestFirst, parameters);
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

    /** Sets the session's budget mark ({@code budgetWarnedAt} or {@code budgetSpentAt}) unless set; whether it did. */
    public Uni<Boolean> markBudget(UUID id, String mark, Instant at) {
        return update("update Session set " + mark + " = ?1 where id = ?2 and " + mark + " is null", at, id)
                .map(updated -> updated == 1);
    }
}
