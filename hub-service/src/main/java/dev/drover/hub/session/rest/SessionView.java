package dev.drover.hub.session.rest;

import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.session.service.HostedSession;
import dev.drover.hub.validation.UsdAmount;
import dev.drover.protocol.daemon.McpServer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
 * not look for any (its profile names no MCP configuration). {@code activity} is what the agent is
 * doing (null until its daemon said), since {@code activitySince}, because of {@code activityCause};
 * {@code activityDetail} is what it asks when it needs someone (the command to allow, the question).
 * {@code contextTokens} against {@code contextWindow} is how full the latest model request's context was.
 */
public record SessionView(
        @Schema(required = true) UUID id,
        @Schema(required = true) UUID hostId,
        @Schema(required = true) String hostName,
        @Schema(required = true) List<String> command,
        @Schema(required = true, nullable = true) String cwd,
        @Schema(required = true, enumeration = {"starting", "running", "exited", "failed", "lost"}) String state,
        @Schema(required = true, nullable = true) Integer exitCode,
        @Schema(required = true, nullable = true) String stopReason,
        @Schema(required = true) String createdBy,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true, nullable = true) Instant startedAt,
        @Schema(required = true, nullable = true) Instant endedAt,
        @Schema(required = true, nullable = true) Usage usage,
        @Schema(required = true) String profile,
        @Schema(required = true, enumeration = {"new", "resume", "continue"}) String mode,
        @Schema(required = true, nullable = true) String agentSessionId,
        @Schema(required = true, nullable = true) String task,
        @Schema(required = true, nullable = true) UUID resumedFrom,
        @Schema(required = true, nullable = true) String spawnStep,
        @Schema(required = true) boolean worktree,
        @Schema(required = true, nullable = true) String worktreePath,
        @Schema(required = true, nullable = true) String worktreeBranch,
        @Schema(required = true, nullable = true) UUID parentId,
        @Schema(required = true, nullable = true) Shell shell,
        @Schema(required = true, nullable = true) List<McpServer> mcpServers,
        @Schema(required = true, nullable = true) Hook lastHook,
        @Schema(required = true, nullable = true) Budget budget,
        @Schema(required = true, nullable = true, enumeration = {"starting", "working", "needs-approval", "needs-answer", "idle",
                "errored", "exited"}) String activity,
        @Schema(required = true, nullable = true) Instant activitySince,
        @Schema(required = true, nullable = true) String activityCause,
        @Schema(required = true, nullable = true) String activityDetail,
        @Schema(required = true, nullable = true, description = "Prompt tokens (input + cache read + cache creation) of "
                + "the latest model request; null until one reported any") Long contextTokens,
        @Schema(required = true, nullable = true, description = "The context window of that request's model from its "
                + "agent profile; null when unknown") Long contextWindow,
        @Schema(required = true, nullable = true, description = "The model of that request") String contextModel) {

    public static SessionView of(HostedSession hosted) {
        Session session = hosted.session();
        return new SessionView(session.id, session.hostId, hosted.hostName(), Arrays.asList(session.command), session.cwd,
                session.state.wire(), session.exitCode, session.stopReason, session.createdBy, session.createdAt,
                session.startedAt, session.endedAt,
                new Usage(session.inputTokens, session.outputTokens, session.cacheReadTokens,
                        session.cacheCreationTokens, costUsd(session.costNanoUsd),
                        costUsd(session.estimatedCostNanoUsd), session.unpricedTokens),
                session.profile, session.mode, session.agentSessionId, session.task, session.resumedFrom,
                session.state == SessionState.STARTING ? session.spawnStep : null, session.worktree, session.worktreePath,
                session.worktreeBranch, session.parentId,
                session.shellCommandRunning == null ? null : new Shell(session.shellCwd, session.shellLastCommand,
                        session.shellLastExitCode, session.shellCommandRunning, session.shellUpdatedAt),
                session.mcpServers == null ? null : session.mcpServers.servers(),
                session.lastHookEvent == null ? null
                        : new Hook(session.lastHookEvent, session.lastHookDetail, session.lastHookAt),
                Budget.of(session),
                session.activity, session.activitySince, session.activityCause, session.activityDetail,
                session.contextTokens, session.contextWindow, session.contextModel);
    }

    /** Nano-USD as an exact decimal string: 11437800 → "0.0114378". */
    static String costUsd(long nanoUsd) {
        return UsdAmount.usd(nanoUsd);
    }

    /**
     * The session's own budget: a cost limit ({@code costUsd}, a decimal string) and/or a token limit
     * ({@code tokens}, every kind of token counted); {@code warnedAt} when it reached 80 %,
     * {@code spentAt} when it reached 100 % (the session was then stopped with reason {@code budget}).
     */
    @Schema(name = "SessionBudget")
    public record Budget(
            @Schema(required = true, nullable = true) String costUsd,
            @Schema(required = true, nullable = true) Long tokens,
            @Schema(required = true, nullable = true) Instant warnedAt,
            @Schema(required = true, nullable = true) Instant spentAt) {

        static Budget of(Session session) {
            if (session.budgetCostNanoUsd == null && session.budgetTokens == null) {
                return null;
            }
            return new Budget(session.budgetCostNanoUsd == null ? null : UsdAmount.usd(session.budgetCostNanoUsd),
                    session.budgetTokens, session.budgetWarnedAt, session.budgetSpentAt);
        }
    }

    /** The last hook the session's agent called (e.g. {@code Notification}), with a short summary. */
    @Schema(name = "SessionHook")
    public record Hook(
            @Schema(required = true) String event,
            @Schema(required = true, nullable = true) String detail,
            @Schema(required = true) Instant at) {
    }

    /**
     * What the session's shell last reported: working directory, last command line (null when the
     * shell did not say), its exit code (null while it runs) and whether it runs.
     */
    @Schema(name = "SessionShell")
    public record Shell(
            @Schema(required = true, nullable = true) String cwd,
            @Schema(required = true, nullable = true) String lastCommand,
            @Schema(required = true, nullable = true) Integer lastExitCode,
            @Schema(required = true) boolean running,
            @Schema(required = true, nullable = true) Instant updatedAt) {
    }

    /**
     * Usage totals; {@code costUsd} is an exact decimal string, of which {@code estimatedCostUsd} is priced from the
     * agent profiles' tables; {@code unpricedTokens} are tokens of models without a price, whose cost is unknown and
     * not in {@code costUsd}.
     */
    @Schema(name = "SessionUsage")
    public record Usage(
            @Schema(required = true) long inputTokens,
            @Schema(required = true) long outputTokens,
            @Schema(required = true) long cacheReadTokens,
            @Schema(required = true) long cacheCreationTokens,
            @Schema(required = true) String costUsd,
            @Schema(required = true, description = "The part of costUsd estimated from the profiles' prices")
            String estimatedCostUsd,
            @Schema(required = true, description = "Tokens of models without a price: their cost is unknown, not 0")
            long unpricedTokens) {
    }
}
