package dev.drover.hub.budget.rest;

import dev.drover.hub.validation.BudgetLimits;
import dev.drover.hub.validation.UsdAmount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session's own budget: {@code costUsd} (a decimal string) and/or {@code tokens}; both null removes it. */
public record SessionBudgetRequest(
        @Schema(examples = "0.50", pattern = UsdAmount.PATTERN)
        @Pattern(regexp = UsdAmount.PATTERN, message = UsdAmount.MESSAGE) String costUsd,
        @Min(1) @Max(BudgetLimits.MAX_TOKENS) Long tokens) {
}
