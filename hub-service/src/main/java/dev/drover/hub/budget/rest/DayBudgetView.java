package dev.drover.hub.budget.rest;

import dev.drover.hub.budget.repository.DayBudget;
import dev.drover.hub.budget.service.BudgetService.DayBudgetSpend;
import dev.drover.hub.validation.UsdAmount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A day budget ({@code costUsd} and/or {@code tokens} a day) of a user or a project, and what its
 * subject spent on {@code day} (today in {@code timeZone}).
 */
public record DayBudgetView(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = {"user", "project"}) String scope,
        @Schema(required = true, nullable = true) String user,
        @Schema(required = true, nullable = true) UUID hostId,
        @Schema(required = true, nullable = true) String path,
        @Schema(required = true, nullable = true) String costUsd,
        @Schema(required = true, nullable = true) Long tokens,
        @Schema(required = true) LocalDate day,
        @Schema(required = true) String timeZone,
        @Schema(required = true) String spentUsd,
        @Schema(required = true) long spentTokens,
        @Schema(required = true) String updatedBy,
        @Schema(required = true) Instant updatedAt) {

    static DayBudgetView of(DayBudgetSpend found, String timeZone) {
        DayBudget budget = found.budget();
        return new DayBudgetView(budget.id, budget.scope, budget.username, budget.hostId, budget.path,
                budget.costNanoUsd == null ? null : UsdAmount.usd(budget.costNanoUsd), budget.tokens, found.day(),
                timeZone, UsdAmount.usd(found.spent().costNanoUsd()), found.spent().tokens(), budget.updatedBy,
                budget.updatedAt);
    }
}
