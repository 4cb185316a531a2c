package dev.drover.hub.spend.service;

import dev.drover.hub.budget.service.BudgetConfig;
import dev.drover.hub.spend.repository.SpendDimension;
import dev.drover.hub.spend.repository.SpendFilter;
import dev.drover.hub.spend.repository.SpendRepository;
import dev.drover.hub.spend.repository.SpendRow;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet spent, from its usage events: between two days (whole days in the budget time zone,
 * {@code drover.hub.budget.time-zone}, as day budgets count them), grouped one way, and today, this week (from
 * Monday) and this month. Every person's role reads all of it, as it reads every session's usage.
 */
@ApplicationScoped
public class SpendService {

    /** The longest range a report covers, in days. */
    public static final int MAX_DAYS = 366;

    private final SpendRepository spend;
    private final BudgetConfig config;

    public SpendService(SpendRepository spend, BudgetConfig config) {
        this.spend = spend;
        this.config = config;
    }

    /** The groups, their total and the models without a price, of the days {@code from} to {@code to} (both included). */
    @WithSpan
    public Uni<SpendReport> report(SpendDimension by, SpendFilter filter, LocalDate from, LocalDate to) {
        ZoneId zone = timeZone();
        OffsetDateTime start = start(from, zone);
        OffsetDateTime end = start(to.plusDays(1), zone);
        return Uni.combine().all()
                .unis(spend.grouped(by, filter, start, end, zone), spend.total(filter, start, end, zone),
                        spend.unpricedModels(filter, start, end, zone))
                .with((rows, total, unpriced) -> new SpendReport(from, to, zone, by,
                        by == SpendDimension.DAY ? everyDay(rows, from, to) : rows, total, unpriced));
    }

    /** Today, this week and this month so far, of the sessions {@code visibleTo} may see (null: every session). */
    @WithSpan
    public Uni<SpendSummary> summary(String visibleTo) {
        SpendFilter filter = SpendFilter.visibleTo(visibleTo);
        ZoneId zone = timeZone();
        LocalDate today = today();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = today.withDayOfMonth(1);
        OffsetDateTime end = start(today.plusDays(1), zone);
        return Uni.combine().all()
                .unis(spend.total(filter, start(today, zone), end, zone),
                        spend.total(filter, start(monday, zone), end, zone),
                        spend.total(filter, start(first, zone), end, zone))
                .with((day, week, month) -> new SpendSummary(zone, new SpendSummary.Period(today, today, day),
                        new SpendSummary.Period(monday, today, week), new SpendSummary.Period(first, today, month)));
    }

    /** Today in the budget time zone. */
    public LocalDate today() {
        return LocalDate.now(timeZone());
    }

    public ZoneId timeZone() {
        return config.timeZone();
    }

    private static OffsetDateTime start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    /** Every day of the range in order, those without usage as zeros. */
    private static List<SpendRow> everyDay(List<SpendRow> rows, LocalDate from, LocalDate to) {
        Map<String, SpendRow> byDay = new LinkedHashMap<>();
        rows.forEach(row -> byDay.put(row.day(), row));
        List<SpendRow> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(byDay.getOrDefault(day.toString(), SpendRow.emptyDay(day.toString())));
        }
        return days;
    }
}
