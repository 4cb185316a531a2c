package dev.drover.hub.session.rest;

import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.protocol.daemon.McpServer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A session as the API shows it: started from {@code profile} in {@code mode}; {@code agentSessionId}
 * is the agent's own session id (what resume needs); {@code spawnStep} tells how far a starting
 * session got; {@code worktree} whether it runs in a git worktree of its own (its directory and
 * branch once created); {@code parentId} the session a companion shell belongs to. {@code shell} is
 * null until the session's shell reported its state; {@code mcpServers} is null when the daemon did
 * not look for any (its profile names no MCP configuration).
 */
public record SessionView(UUID id, UUID hostId, String hostName, List<String> command, String cwd, String state,
        Integer exitCode, String stopReason, String createdBy, Instant createdAt, Instant startedAt, Instant endedAt,
        Usage usage, String profile, String mode, String agentSessionId, String task, UUID resumedFrom,
        String spawnStep, boolean worktree, String worktreePath, String worktreeBranch, UUID parentId, Shell shell,
        List<McpServer> mcpServers, Hook lastHook) {

    static SessionView of(HostedSession hosted) {
        Session session = hosted.session();
        return new SessionView(session.id, session.hostId, hosted.hostName(), Arrays.asList(session.command), session.cwd,
                session.state.wire(), session.exitCode, session.stopReason, session.createdBy, session.createdAt,
                session.startedAt, session.endedAt,
                new Usage(session.inputTokens, session.outputTokens, session.cacheReadTokens,
                        session.cacheCreationTokens, costUsd(session.costNanoUsd)),
                session.profile, session.mode, session.agentSessionId, session.task, session.resumedFrom,
                session.state == SessionState.STARTING ? session.spawnStep : null, session.worktree, session.worktreePath,
                session.worktreeBranch, session.parentId,
                session.shellCommandRunning == null ? null : new Shell(session.shellCwd, session.shellLastCommand,
                        session.shellLastExitCode, session.shellCommandRunning, session.shellUpdatedAt),
                session.mcpServers == null ? null : session.mcpServers.servers(),
                session.lastHookEvent == null ? null
                        : new Hook(session.lastHookEvent, session.lastHookDetail, session.lastHookAt));
    }

    /** Nano-USD as an exact decimal string: 11437800 → "0.0114378". */
    static String costUsd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros().toPlainString();
    }

    /** The last hook the session's agent called (e.g. {@code Notification}), with a short summary. */
    public record Hook(String event, String detail, Instant at) {
    }

    /**
     * What the session's shell last reported: working directory, last command line (null when the
     * shell did not say), its exit code (null while it runs) and whether it runs.
     */
    public record Shell(String cwd, String lastCommand, Integer lastExitCode, boolean running, Instant updatedAt) {
    }

    /** Usage totals; {@code costUsd} is an exact decimal string. */
    public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens,
            String costUsd) {
    }
}
