package dev.drover.hub.budget.service;

import dev.drover.hub.budget.repository.BudgetEventRepository;
import dev.drover.hub.budget.repository.BudgetEventRepository.BudgetEvent;
import dev.drover.hub.budget.repository.DayBudget;
import dev.drover.hub.budget.repository.DayBudgetRepository;
import dev.drover.hub.budget.repository.DaySpendRepository.Spent;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionBudgets;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionRights;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Budgets as people set and read them: a session's own budget (its creator or an admin), day budgets
 * per user and per project (admins), what each day budget's subject spent today, and the budget
 * events. Enforcement is {@link BudgetEnforcer}'s.
 */
@ApplicationScoped
public class BudgetService {

    /** A day budget with what its subject spent on {@code day}. */
    public record DayBudgetSpend(DayBudget budget, LocalDate day, Spent spent) {
    }

    private final DayBudgetRepository budgets;
    private final BudgetEventRepository events;
    private final DaySpend days;
    private final SessionBudgets sessions;
    private final BudgetEnforcer enforcer;
    private final BudgetConfig config;
    private final HostRepository hosts;
    private final SessionAccess access;

    public BudgetService(DayBudgetRepository budgets, BudgetEventRepository events, DaySpend days,
            SessionBudgets sessions, BudgetEnforcer enforcer, BudgetConfig config, HostRepository hosts, SessionAccess access) {
        this.access = access;
        this.hosts = hosts;
        this.budgets = budgets;
        this.events = events;
        this.days = days;
        this.sessions = sessions;
        this.enforcer = enforcer;
        this.config = config;
    }

    /** The time zone whose days day budgets count. */
    public String timeZone() {
        return config.timeZone().getId();
    }

    /**
     * Sets a session's own budget (both null: none) and checks it against the session's usage at
     * once, so a budget below what the session spent stops it. Only its owner or an admin may (404 for
     * a session the caller does not see, 403 for one shared with them).
     */
    @WithSpan
    public Uni<HostedSession> setSessionBudget(UUID sessionId, Limit limit, SessionCaller caller) {
        return access.requiring(sessionId, caller, SessionRights.OWN)
                .chain(() -> sessions.set(sessionId, limit.costNanoUsd(), limit.tokens()))
                .call(() -> enforcer.evaluate(sessionId))
                .chain(set -> sessions.find(sessionId).map(now -> new HostedSession(now, set.hostName())));
    }

    /** Sets the subject's day budget, replacing the one it had; at least one limit. */
    @WithSpan
    public Uni<DayBudgetSpend> setDayBudget(BudgetSubject subject, Limit limit, String caller) {
        if (limit.none()) {
            throw new InvalidException("a day budget needs costUsd or tokens");
        }
        return Panache.withTransaction(() -> hostKnown(subject)
                        .chain(() -> days.budgetOf(subject))
                        .chain(found -> {
                            DayBudget budget = found == null ? newBudget(subject) : found;
                            budget.costNanoUsd = limit.costNanoUsd();
                            budget.tokens = limit.tokens();
                            budget.updatedBy = caller;
                            budget.updatedAt = Instant.now();
                            return found == null ? budgets.persist(budget) : Uni.createFrom().item(budget);
                        }))
                .chain(this::withSpend);
    }

    @WithSpan
    public Uni<Void> removeDayBudget(UUID id) {
        return Panache.withTransaction(() -> budgets.deleteById(id))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw new NotFoundException("no day budget " + id);
                    }
                })
                .replaceWithVoid();
    }

    /** Every day budget with today's spend. */
    @WithSpan
    public Uni<List<DayBudgetSpend>> dayBudgets() {
        return Panache.withSession(budgets::listInOrder)
                .chain(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(this::withSpend)
                        .collect().asList());
    }

    /**
     * The newest budget events after {@code since}, of one session or all, among the sessions
     * {@code caller} may see; a session they may not see is {@link dev.drover.hub.error.NotFoundException}.
     */
    @WithSpan
    public Uni<List<BudgetEvent>> events(OffsetDateTime since, UUID sessionId, int limit, SessionCaller caller) {
        Uni<Void> seen = sessionId == null ? Uni.createFrom().voidItem() : access.visible(sessionId, caller).replaceWithVoid();
        return seen.chain(() -> events.newest(since, sessionId, limit))
                .chain(found -> access.visibleAmong(found.stream().map(BudgetEvent::sessionId).collect(Collectors.toSet()), caller)
                        .map(visible -> found.stream().filter(event -> visible.contains(event.sessionId())).toList()));
    }

    private Uni<Void> hostKnown(BudgetSubject subject) {
        if (!(subject instanceof BudgetSubject.Project project)) {
            return Uni.createFrom().voidItem();
        }
        return hosts.findById(project.hostId())
                .onItem().ifNull().failWith(() -> new NotFoundException("no host " + project.hostId()))
                .replaceWithVoid();
    }

    private Uni<DayBudgetSpend> withSpend(DayBudget budget) {
        LocalDate today = days.today();
        return days.spent(DaySpend.subject(budget), today).map(spent -> new DayBudgetSpend(budget, today, spent));
    }

    private static DayBudget newBudget(BudgetSubject subject) {
        DayBudget budget = new DayBudget();
        budget.id = UUID.randomUUID();
        budget.scope = subject.scope();
        switch (subject) {
            case BudgetSubject.User user -> budget.username = user.username();
            case BudgetSubject.Project project -> {
                budget.hostId = project.hostId();
                budget.path = project.path();
            }
        }
        return budget;
    }
}
