package dev.drover.hub.spend.rest;

import dev.drover.hub.spend.service.SpendReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * The spend of the days {@code from} to {@code to} (both included, in {@code timeZone}), one row per group
 * ({@code groupBy}), their {@code total}, and the models without a price that spent in them.
 */
@Schema(name = "SpendReport")
public record SpendReportView(
        @Schema(required = true) LocalDate from,
        @Schema(required = true) LocalDate to,
        @Schema(required = true) String timeZone,
        @Schema(required = true, enumeration = {"day", "host", "project", "model", "profile", "user", "session"})
        String groupBy,
        @Schema(required = true) SpendRowView total,
        @Schema(required = true) List<SpendRowView> rows,
        @Schema(required = true) List<String> unpricedModels) {

    static SpendReportView of(SpendReport report) {
        return new SpendReportView(report.from(), report.to(), report.zone().getId(), report.by().wire(),
                SpendRowView.of(report.total()), report.rows().stream().map(SpendRowView::of).toList(),
                report.unpricedModels());
    }
}
