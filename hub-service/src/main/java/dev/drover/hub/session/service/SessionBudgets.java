package dev.drover.hub.session.service;

import dev.drover.hub.error.ConflictException;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session's own budget as the session feature keeps it: the limits and the two marks that make its
 * 80 % warning and its 100 % stop happen once (docs/adr/0017). The budget feature decides when; this
 * class writes the session's rows.
 */
@ApplicationScoped
public class SessionBudgets {

    /** Which mark: the 80 % warning or the 100 % stop. */
    public enum Mark {
        WARNED("budgetWarnedAt"),
        SPENT("budgetSpentAt");

        private final String field;

        Mark(String field) {
            this.field = field;
        }
    }

    private final SessionRepository sessions;
    private final SessionService service;

    public SessionBudgets(SessionRepository sessions, SessionService service) {
        this.sessions = sessions;
        this.service = service;
    }

    /**
     * Sets (or, with both null, removes) a live session's budget and clears its marks, so the new
     * budget warns and stops once again; an ended session is a {@link ConflictException}. Who may is
     * the caller's to check ({@link SessionAccess}).
     */
    @WithSpan
    public Uni<HostedSession> set(UUID id, Long costNanoUsd, Long tokens) {
        return Panache.withTransaction(() -> service.find(id)
                        .invoke(session -> {
                            if (!session.state.live()) {
                                throw new ConflictException("session " + id + " has ended: its budget no longer applies");
                            }
                            session.budgetCostNanoUsd = costNanoUsd;
                            session.budgetTokens = tokens;
                            session.budgetWarnedAt = null;
                            session.budgetSpentAt = null;
                        }))
                .chain(() -> service.get(id));
    }

    /** Sets the mark unless it is set: true only for the one call that set it. */
    public Uni<Boolean> mark(UUID id, Mark mark, Instant at) {
        return Panache.withTransaction(() -> sessions.markBudget(id, mark.field, at));
    }

    /** The session as it is now, or {@code null} when there is none. */
    public Uni<Session> find(UUID id) {
        return Panache.withSession(() -> sessions.findById(id));
    }

    /** The live sessions a user started. */
    public Uni<List<Session>> liveOf(String createdBy) {
        return Panache.withSession(() -> sessions.listLiveCreatedBy(createdBy));
    }

    /** The live sessions working in a project. */
    public Uni<List<Session>> liveIn(UUID hostId, String path) {
        return Panache.withSession(() -> sessions.listLiveInProject(hostId, path));
    }

    /**
     * Stops a live session for its budget: the daemon runs the profile's stop sequence and refuses the
     * agent's next turn with {@code why}; the stop reason becomes {@code budget} unless it has one.
     */
    @WithSpan
    public Uni<HostedSession> stop(UUID id, String why) {
        return service.stop(id, "budget", why);
    }
}
