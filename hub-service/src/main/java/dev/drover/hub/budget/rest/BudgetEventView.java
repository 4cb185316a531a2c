package dev.drover.hub.budget.rest;

import dev.drover.hub.budget.repository.BudgetEventRepository.BudgetEvent;
import dev.drover.hub.validation.UsdAmount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A budget reached 80 % ({@code kind} warning) or 100 % ({@code kind} spent): a session's own budget
 * ({@code scope} session), or the day budget ({@code day}) of a user or a project, seen on the usage of
 * {@code sessionId}. {@code limitUsd}/{@code limitTokens} are the budget, {@code spentUsd}/{@code spentTokens}
 * what was spent when it was reached.
 */
public record BudgetEventView(
        @Schema(required = true) UUID id,
        @Schema(required = true, enumeration = {"warning", "spent"}) String kind,
        @Schema(required = true, enumeration = {"session", "user", "project"}) String scope,
        @Schema(required = true) UUID sessionId,
        @Schema(required = true, nullable = true) String user,
        @Schema(required = true, nullable = true) UUID hostId,
        @Schema(required = true, nullable = true) String path,
        @Schema(required = true, nullable = true) LocalDate day,
        @Schema(required = true, nullable = true) String limitUsd,
        @Schema(required = true, nullable = true) Long limitTokens,
        @Schema(required = true) String spentUsd,
        @Schema(required = true) long spentTokens,
        @Schema(required = true) Instant at) {

    static BudgetEventView of(BudgetEvent event) {
        return new BudgetEventView(event.id(), event.kind(), event.scope(), event.sessionId(), event.username(),
                event.hostId(), event.path(), event.day(),
                event.limitCostNanoUsd() == null ? null : UsdAmount.usd(event.limitCostNanoUsd()), event.limitTokens(),
                UsdAmount.usd(event.spentCostNanoUsd()), event.spentTokens(), event.at().toInstant());
    }
}
