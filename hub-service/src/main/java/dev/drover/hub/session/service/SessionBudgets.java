package dev.drover.hub.session.service;

import dev.drover.hub.context.SafeContexts;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.link.LinkChanged;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(SessionBudgets.class);

    private final SessionRepository sessions;
    private final SessionService service;
    private final DaemonRegistry daemons;
    private final Vertx vertx;

    public SessionBudgets(SessionRepository sessions, SessionService service, DaemonRegistry daemons, Vertx vertx) {
        this.sessions = sessions;
        this.service = service;
        this.daemons = daemons;
        this.vertx = vertx;
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
     * agent's next turn with {@code why}; the stop reason becomes {@code budget} unless it has one. When the
     * session's host is offline the stop is owed: it fails with {@link HostOfflineException} and is sent when the
     * host's daemon connects again.
     */
    @WithSpan
    public Uni<HostedSession> stop(UUID id, String why) {
        return service.stop(id, "budget", why)
                .call(() -> Panache.withTransaction(() -> sessions.oweBudgetStop(id, null)))
                .onFailure(HostOfflineException.class).call(() -> Panache.withTransaction(() -> sessions.oweBudgetStop(id, why)));
    }

    /** A daemon connected: the budget stops its sessions are owed are sent now. */
    void linkChanged(@Observes LinkChanged changed) {
        if (daemons.find(changed.hostId()).isEmpty()) {
            return;
        }
        SafeContexts.onNewContext(vertx, () -> Panache.withSession(() -> sessions.listOwingBudgetStop(changed.hostId())))
                .onItem().transformToMulti(owing -> Multi.createFrom().iterable(owing))
                .onItem().transformToUniAndConcatenate(session -> SafeContexts.onNewContext(vertx,
                                () -> stop(session.id, session.budgetStopOwed))
                        .invoke(() -> LOG.infof("session %s: sent the budget stop it was owed", session.id))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("session %s: the budget stop it is owed is not sent yet: %s", session.id,
                                    failure.getMessage());
                            return null;
                        }))
                .collect().last()
                .subscribe().with(ignored -> { },
                        failure -> LOG.warnf("host %s: cannot look for owed budget stops: %s", changed.hostId(),
                                failure.getMessage()));
    }
}
