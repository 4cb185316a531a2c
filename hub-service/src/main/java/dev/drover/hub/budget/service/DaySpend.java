package dev.drover.hub.budget.service;

import dev.drover.hub.budget.repository.DayBudget;
import dev.drover.hub.budget.repository.DayBudgetRepository;
import dev.drover.hub.budget.repository.DaySpendRepository;
import dev.drover.hub.budget.repository.DaySpendRepository.Spent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Day budgets and what their subjects spent today. A day runs from midnight to midnight in the
 * configured time zone ({@code drover.hub.budget.time-zone}, UTC unless set), by the time each usage
 * event was observed.
 */
@ApplicationScoped
public class DaySpend {

    private final DayBudgetRepository budgets;
    private final DaySpendRepository spend;
    private final BudgetConfig config;
    private final Clock clock = Clock.systemUTC();

    public DaySpend(DayBudgetRepository budgets, DaySpendRepository spend, BudgetConfig config) {
        this.budgets = budgets;
        this.spend = spend;
        this.config = config;
    }

    /** Today in the budgets' time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.timeZone()));
    }

    /** The subject's day budget, or null. Runs in the caller's reactive session when there is one. */
    public Uni<DayBudget> budgetOf(BudgetSubject subject) {
        return switch (subject) {
            case BudgetSubject.User user -> budgets.findForUser(user.username());
            case BudgetSubject.Project project -> budgets.findForProject(project.hostId(), project.path());
        };
    }

    /** The subject's budget in its own session, for callers outside one. */
    public Uni<DayBudget> findBudgetOf(BudgetSubject subject) {
        return Panache.withSession(() -> budgetOf(subject));
    }

    /** What the subject spent on {@code day}. */
    public Uni<Spent> spent(BudgetSubject subject, LocalDate day) {
        OffsetDateTime from = day.atStartOfDay(config.timeZone()).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(config.timeZone()).toOffsetDateTime();
        return switch (subject) {
            case BudgetSubject.User user -> spend.ofUser(user.username(), from, to);
            case BudgetSubject.Project project -> spend.ofProject(project.hostId(), project.path(), from, to);
        };
    }

    public static Limit limit(DayBudget budget) {
        return new Limit(budget.costNanoUsd, budget.tokens);
    }

    public static BudgetSubject subject(DayBudget budget) {
        return DayBudget.USER.equals(budget.scope)
                ? new BudgetSubject.User(budget.username)
                : new BudgetSubject.Project(budget.hostId, budget.path);
    }
}
