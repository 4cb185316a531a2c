package dev.drover.hub.session.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session as the API shows it: started from {@code profile} in {@code mode}; {@code agentSessionId}
 * is the agent's own session id (what resume needs); {@code spawnStep} tells how far a starting
 * session got; {@code worktree} whether it runs in a git worktree of its own (its directory and
 * branch once created); {@code parentId} the
 * session a companion shell belongs to.
 */
public record SessionView(UUID id, UUID hostId, String hostName, List<String> command, String cwd, String state,
        Integer exitCode, String stopReason, String createdBy, Instant createdAt, Instant startedAt, Instant endedAt,
        Usage usage, String profile, String mode, String agentSessionId, String task, UUID resumedFrom,
        String spawnStep, boolean worktree, String worktreePath, String worktreeBranch, UUID parentId) {

    /** Usage totals; {@code costUsd} is an exact decimal string. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens,
            String costUsd) {
    }
}
