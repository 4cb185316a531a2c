package dev.drover.hub.spend.rest;

import dev.drover.hub.spend.repository.SpendRow;
import dev.drover.hub.validation.UsdAmount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * The usage of one group of a spend report. Only the fields that say which group it is are set (its day, host,
 * project and host, model, profile or user; a session's row has its id, host, project, profile, user and task).
 * {@code costUsd} is every known cost (reported by the CLI or estimated from its profile's prices), of which
 * {@code estimatedCostUsd} is estimated; {@code unpricedTokens} and {@code unpricedEvents} are usage of models
 * without a price, whose cost is unknown and not in {@code costUsd}.
 */
@Schema(name = "SpendRow")
public record SpendRowView(
        @Schema(required = true, nullable = true) String day,
        @Schema(required = true, nullable = true) UUID hostId,
        @Schema(required = true, nullable = true) String hostName,
        @Schema(required = true, nullable = true) String project,
        @Schema(required = true, nullable = true) String model,
        @Schema(required = true, nullable = true) String profile,
        @Schema(required = true, nullable = true) String user,
        @Schema(required = true, nullable = true) UUID sessionId,
        @Schema(required = true, nullable = true) String task,
        @Schema(required = true) long inputTokens,
        @Schema(required = true) long outputTokens,
        @Schema(required = true) long cacheReadTokens,
        @Schema(required = true) long cacheCreationTokens,
        @Schema(required = true) long tokens,
        @Schema(required = true) String costUsd,
        @Schema(required = true) String estimatedCostUsd,
        @Schema(required = true) long unpricedTokens,
        @Schema(required = true) long unpricedEvents,
        @Schema(required = true) long sessions) {

    static SpendRowView of(SpendRow row) {
        return new SpendRowView(row.day(), row.hostId(), row.hostName(), row.project(), row.model(), row.profile(),
                row.user(), row.sessionId(), row.task(), row.inputTokens(), row.outputTokens(), row.cacheReadTokens(),
                row.cacheCreationTokens(), tokens(row), UsdAmount.usd(row.costNanoUsd()),
                UsdAmount.usd(row.estimatedNanoUsd()), row.unpricedTokens(), row.unpricedEvents(), row.sessions());
    }

    /** Every kind of token, capped at 2^63−1. */
    static long tokens(SpendRow row) {
        long total = 0;
        for (long tokens : new long[] {row.inputTokens(), row.outputTokens(), row.cacheReadTokens(),
                row.cacheCreationTokens()}) {
            total = total > Long.MAX_VALUE - tokens ? Long.MAX_VALUE : total + tokens;
        }
        return total;
    }
}
