package dev.drover.hub.budget.rest;

import dev.drover.hub.validation.BudgetLimits;
import dev.drover.hub.validation.Text;
import dev.drover.hub.validation.UsdAmount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * The day budget of a user ({@code scope} user, {@code user} their name) or of a project
 * ({@code scope} project, {@code hostId} and {@code path} its repository on that host):
 * {@code costUsd} (a decimal string) and/or {@code tokens} a day.
 */
public record DayBudgetRequest(
        @NotNull @Schema(enumeration = {"user", "project"})
        @Pattern(regexp = "user|project", message = "must be user or project") String scope,
        @Size(min = 1, max = 200) @Text String user,
        UUID hostId,
        @Size(min = 1, max = 4096) @Text String path,
        @Schema(examples = "20", pattern = UsdAmount.PATTERN)
        @Pattern(regexp = UsdAmount.PATTERN, message = UsdAmount.MESSAGE) String costUsd,
        @Min(1) @Max(BudgetLimits.MAX_TOKENS) Long tokens) {
}
