package dev.drover.hub.session.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session as the API shows it. */
public record SessionView(UUID id, UUID hostId, String hostName, List<String> command, String cwd, String state,
        Integer exitCode, String stopReason, String createdBy, Instant createdAt, Instant startedAt, Instant endedAt,
        Usage usage) {

    /** Usage totals; {@code costUsd} is an exact decimal string. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens,
            String costUsd) {
    }
}
