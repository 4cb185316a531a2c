package dev.drover.hub.spend.service;

import dev.drover.hub.spend.repository.SpendDimension;
import dev.drover.hub.spend.repository.SpendRow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The spend of the days {@code from} to {@code to} in {@code zone}, grouped {@code by}; models without a price. */
public record SpendReport(LocalDate from, LocalDate to, ZoneId zone, SpendDimension by, List<SpendRow> rows,
        SpendRow total, List<String> unpricedModels) {
}
