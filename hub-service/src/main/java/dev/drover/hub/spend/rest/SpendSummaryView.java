package dev.drover.hub.spend.rest;

import dev.drover.hub.spend.service.SpendSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** What the fleet spent today, this week (from Monday) and this month so far, in {@code timeZone}. */
@Schema(name = "SpendSummary")
public record SpendSummaryView(
        @Schema(required = true) String timeZone,
        @Schema(required = true) Period today,
        @Schema(required = true) Period week,
        @Schema(required = true) Period month) {

    static SpendSummaryView of(SpendSummary summary) {
        return new SpendSummaryView(summary.zone().getId(), Period.of(summary.today()), Period.of(summary.week()),
                Period.of(summary.month()));
    }

    /** The usage of the days {@code from} to {@code to}. */
    @Schema(name = "SpendPeriod")
    public record Period(
            @Schema(required = true) LocalDate from,
            @Schema(required = true) LocalDate to,
            @Schema(required = true) SpendRowView spent) {

        static Period of(SpendSummary.Period period) {
            return new Period(period.from(), period.to(), SpendRowView.of(period.spent()));
        }
    }
}
