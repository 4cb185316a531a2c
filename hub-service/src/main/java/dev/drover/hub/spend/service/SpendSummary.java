package dev.drover.hub.spend.service;

import dev.drover.hub.spend.repository.SpendRow;

import java.time.LocalDate;
import java.time.ZoneId;

/** What the fleet spent today, this week (from Monday) and this month, in {@code zone}. */
public record SpendSummary(ZoneId zone, Period today, Period week, Period month) {

    /** The usage of the days {@code from} to {@code to}. */
    public record Period(LocalDate from, LocalDate to, SpendRow spent) {
    }
}
