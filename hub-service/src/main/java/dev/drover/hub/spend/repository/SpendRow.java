package dev.drover.hub.spend.repository;

import java.util.UUID;

/**
 * The usage of one group: what identifies it (only the fields of its dimension are set; a session's row has its
 * host, project, profile, user and task), every kind of token, the cost in nano-USD (reported and estimated), the
 * part of it that is estimated, the tokens and events of models without a price, and how many sessions spent it.
 */
public record SpendRow(String day, UUID hostId, String hostName, String project, String model, String profile,
        String user, UUID sessionId, String task, long inputTokens, long outputTokens, long cacheReadTokens,
        long cacheCreationTokens, long costNanoUsd, long estimatedNanoUsd, long unpricedTokens, long unpricedEvents,
        long sessions) {

    /** A day without usage. */
    public static SpendRow emptyDay(String day) {
        return new SpendRow(day, null, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
