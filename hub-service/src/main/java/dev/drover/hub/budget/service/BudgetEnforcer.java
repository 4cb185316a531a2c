package dev.drover.hub.budget.service;

import dev.drover.hub.budget.repository.BudgetEventRepository;
import dev.drover.hub.budget.repository.BudgetEventRepository.BudgetEvent;
import dev.drover.hub.budget.repository.DayBudget;
import dev.drover.hub.budget.repository.DaySpendRepository.Spent;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.service.SessionBudgets;
import dev.drover.hub.session.service.SessionBudgets.Mark;
import dev.drover.hub.session.service.SessionSpawning;
import dev.drover.hub.telemetry.service.UsageApplied;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Enforces budgets on the hub (docs/adr/0017): whenever usage is added to a session, its own budget
 * and its user's and project's day budgets are checked. At 80 % a warning event is recorded, at 100 %
 * a spent event, once each (a session budget by its marks, a day budget by the event's unique index);
 * at 100 % the session (for a day budget: every live session of the user or project) is stopped with
 * reason {@code budget}, and its daemon refuses the agent's next turn. Each new event is pushed to open pages
 * ({@link BudgetEventRecorded}). A spawn is refused (409) while
 * its user's or project's day budget is spent, or when its own budget asks for more than is left.
 */
@ApplicationScoped
public class BudgetEnforcer {

    private static final Logger LOG = Logger.getLogger(BudgetEnforcer.class);
    static final String WARNING = "warning";
    static final String SPENT = "spent";

    private final SessionBudgets sessions;
    private final DaySpend days;
    private final BudgetEventRepository events;
    private final Event<BudgetEventRecorded> recorded;

    public BudgetEnforcer(SessionBudgets sessions, DaySpend days, BudgetEventRepository events,
            Event<BudgetEventRecorded> recorded) {
        this.sessions = sessions;
        this.days = days;
        this.events = events;
        this.recorded = recorded;
    }

    void usageApplied(@Observes UsageApplied applied) {
        applied.alsoDo(() -> evaluate(applied.sessionId()));
    }

    void spawning(@Observes SessionSpawning spawning) {
        List<BudgetSubject> subjects = new ArrayList<>();
        subjects.add(new BudgetSubject.User(spawning.createdBy()));
        if (spawning.cwd() != null) {
            subjects.add(new BudgetSubject.Project(spawning.hostId(), spawning.cwd()));
        }
        for (BudgetSubject subject : subjects) {
            spawning.check(() -> days.budgetOf(subject)
                    .chain(budget -> budget == null ? Uni.createFrom().voidItem() : days.spent(subject, days.today())
                            .invoke(spent -> refuseBeyond(subject, DaySpend.limit(budget), spent, spawning))
                            .replaceWithVoid()));
        }
    }

    private void refuseBeyond(BudgetSubject subject, Limit limit, Spent spent, SessionSpawning spawning) {
        if (limit.used(spent.costNanoUsd(), spent.tokens()) >= 1) {
            throw new ConflictException("the day budget of " + subject.describe() + " (" + limit.describe()
                    + ") is spent for " + days.today() + ": no new session until it is raised or the day ends");
        }
        if (!limit.leavesRoomFor(spent.costNanoUsd(), spent.tokens(), spawning.budgetCostNanoUsd(), spawning.budgetTokens())) {
            throw new ConflictException("the session's budget is more than what is left today of the day budget of "
                    + subject.describe() + " (" + limit.describe() + ")");
        }
    }

    /** Checks the session's budgets against its usage now; acts on what is reached. */
    public Uni<Void> evaluate(UUID sessionId) {
        return sessions.find(sessionId)
                .chain(session -> session == null
                        ? Uni.createFrom().voidItem()
                        : sessionBudget(session).chain(() -> dayBudgets(session)));
    }

    private Uni<Void> sessionBudget(Session session) {
        Limit limit = new Limit(session.budgetCostNanoUsd, session.budgetTokens);
        if (limit.none()) {
            return Uni.createFrom().voidItem();
        }
        double used = limit.used(session.costNanoUsd, session.totalTokens());
        Uni<Void> warned = used >= Limit.WARNING && session.budgetWarnedAt == null
                ? sessions.mark(session.id, Mark.WARNED, Instant.now())
                        .chain(first -> first ? record(WARNING, "session", session, null, null, limit,
                                session.costNanoUsd, session.totalTokens()).replaceWithVoid() : Uni.createFrom().voidItem())
                : Uni.createFrom().voidItem();
        if (used < 1 || session.budgetSpentAt != null) {
            return warned;
        }
        return warned
                .chain(() -> sessions.mark(session.id, Mark.SPENT, Instant.now()))
                .chain(first -> first
                        ? record(SPENT, "session", session, null, null, limit, session.costNanoUsd, session.totalTokens())
                                .chain(() -> stop(List.of(session), "the session's budget of " + limit.describe() + " is spent"))
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> dayBudgets(Session session) {
        Uni<Void> user = dayBudget(session, new BudgetSubject.User(session.createdBy));
        return session.cwd == null
                ? user
                : user.chain(() -> dayBudget(session, new BudgetSubject.Project(session.hostId, session.cwd)));
    }

    private Uni<Void> dayBudget(Session session, BudgetSubject subject) {
        LocalDate today = days.today();
        return days.findBudgetOf(subject)
                .chain(budget -> budget == null
                        ? Uni.createFrom().voidItem()
                        : days.spent(subject, today).chain(spent -> reached(session, subject, budget, today, spent)));
    }

    private Uni<Void> reached(Session session, BudgetSubject subject, DayBudget budget, LocalDate today, Spent spent) {
        Limit limit = DaySpend.limit(budget);
        double used = limit.used(spent.costNanoUsd(), spent.tokens());
        if (used < Limit.WARNING) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> warned = record(WARNING, subject.scope(), session, subject, today, limit, spent.costNanoUsd(),
                spent.tokens());
        if (used < 1) {
            return warned.replaceWithVoid();
        }
        String why = "the day budget of " + subject.describe() + " (" + limit.describe() + ") is spent for " + today;
        return warned
                .chain(() -> record(SPENT, subject.scope(), session, subject, today, limit, spent.costNanoUsd(),
                        spent.tokens()))
                .chain(() -> switch (subject) {
                    case BudgetSubject.User user -> sessions.liveOf(user.username());
                    case BudgetSubject.Project project -> sessions.liveIn(project.hostId(), project.path());
                })
                .chain(live -> stop(live.stream().filter(each -> each.stopReason == null).toList(), why));
    }

    private Uni<Boolean> record(String kind, String scope, Session session, BudgetSubject subject, LocalDate day,
            Limit limit, long spentCost, long spentTokens) {
        String username = subject instanceof BudgetSubject.User user ? user.username() : null;
        UUID hostId = subject instanceof BudgetSubject.Project project ? project.hostId() : null;
        String path = subject instanceof BudgetSubject.Project project ? project.path() : null;
        BudgetEvent event = new BudgetEvent(UUID.randomUUID(), kind, scope, session.id, username, hostId, path, day,
                limit.costNanoUsd(), limit.tokens(), spentCost, spentTokens, Instant.now().atOffset(ZoneOffset.UTC));
        return events.add(event)
                .invoke(stored -> {
                    if (stored) {
                        LOG.infof("budget %s: %s budget of session %s at %s", kind, scope, session.id, limit.describe());
                        recorded.fire(new BudgetEventRecorded(event, session.createdBy));
                    }
                });
    }

    private Uni<Void> stop(List<Session> live, String why) {
        return Multi.createFrom().iterable(live)
                .onItem().transformToUniAndConcatenate(session -> sessions.stop(session.id, "budget: " + why)
                        .replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("session %s: cannot stop it for its budget: %s", session.id, failure.getMessage());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }
}
