package dev.drover.hub.session.repository;

import jakarta.persistence.Column;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One agent process on one host, with its usage totals. Updates write only changed columns: the
 * totals are added to by SQL from the telemetry stream and must not be overwritten by a state change.
 */
@Entity
@DynamicUpdate
@Table(name = "session")
public class Session {

    @Id
    public UUID id;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(nullable = false)
    public String[] command;

    public String cwd;

    @Column(nullable = false)
    public SessionState state;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "stop_reason")
    public String stopReason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cache_read_tokens", nullable = false)
    public long cacheReadTokens;

    @Column(name = "cache_creation_tokens", nullable = false)
    public long cacheCreationTokens;

    @Column(name = "cost_nano_usd", nullable = false)
    public long costNanoUsd;

    /** The part of {@link #costNanoUsd} priced from the agent profiles' tables rather than reported by the CLI. */
    @Column(name = "estimated_cost_nano_usd", nullable = false)
    public long estimatedCostNanoUsd;

    /** Tokens of models without a price: their cost is unknown, not in {@link #costNanoUsd}. */
    @Column(name = "unpriced_tokens", nullable = false)
    public long unpricedTokens;

    /** Why a budget stop is owed that could not reach the daemon (its host was offline); null when none is. */
    @Column(name = "budget_stop_owed")
    public String budgetStopOwed;

    /** The agent profile the session was started from. */
    @Column(nullable = false)
    public String profile;

    /** {@code new}, {@code resume} or {@code continue}. */
    @Column(nullable = false)
    public String mode;

    /** The agent's own session id: pre-assigned at spawn, given for resume, or captured at exit. */
    @Column(name = "agent_session_id")
    public String agentSessionId;

    /** What the session is for, as its operator described it; editable. */
    public String task;

    /** The session this one resumed, if any. */
    @Column(name = "resumed_from")
    public UUID resumedFrom;

    /** Whether the session runs in a git worktree of its own (created by the daemon at spawn). */
    @Column(nullable = false)
    public boolean worktree;

    /** The worktree's directory and branch, once the daemon created it. */
    @Column(name = "worktree_path")
    public String worktreePath;

    @Column(name = "worktree_branch")
    public String worktreeBranch;

    /** The last hook the agent called: its event, a short summary, and when. */
    @Column(name = "last_hook_event")
    public String lastHookEvent;

    @Column(name = "last_hook_detail")
    public String lastHookDetail;

    @Column(name = "last_hook_at")
    public Instant lastHookAt;

    /** The session this companion shell belongs to. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** While starting: the step the daemon reported last. */
    @Column(name = "spawn_step")
    public String spawnStep;

    /** The shell's working directory, from its integration marks; null before it reported one. */
    @Column(name = "shell_cwd")
    public String shellCwd;

    @Column(name = "shell_last_command")
    public String shellLastCommand;

    @Column(name = "shell_last_exit_code")
    public Integer shellLastExitCode;

    /** Null while the session's shell never reported its state. */
    @Column(name = "shell_command_running")
    public Boolean shellCommandRunning;

    @Column(name = "shell_updated_at")
    public Instant shellUpdatedAt;

    /** What the agent is doing (activity state's wire name), since when, why, and what it asks; null before the daemon said. */
    public String activity;

    @Column(name = "activity_since")
    public Instant activitySince;

    @Column(name = "activity_cause")
    public String activityCause;

    @Column(name = "activity_detail")
    public String activityDetail;

    /** The MCP servers configured for the session's agent; null when the daemon did not look. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "mcp_servers")
    public McpServerList mcpServers;

    /** The session's own budget: a cost in nano-USD and/or a token count; null for none. */
    @Column(name = "budget_cost_nano_usd")
    public Long budgetCostNanoUsd;

    @Column(name = "budget_tokens")
    public Long budgetTokens;

    /** When the session's budget reached 80 % and 100 %: each happens once per budget set. */
    @Column(name = "budget_warned_at")
    public Instant budgetWarnedAt;

    @Column(name = "budget_spent_at")
    public Instant budgetSpentAt;

    /**
     * The prompt tokens (input + cache read + cache creation) of the session's latest usage delta that had any,
     * its model and that model's context window (null when its profile lists none); all null until then.
     */
    @Column(name = "context_tokens")
    public Long contextTokens;

    @Column(name = "context_window")
    public Long contextWindow;

    @Column(name = "context_model")
    public String contextModel;

    /** When the CLI observed the request that is the session's context. */
    @Column(name = "context_at")
    public Instant contextAt;

    /** Every token the session used: input, output, cache reads and cache writes. */
    public long totalTokens() {
        long total = 0;
        for (long tokens : new long[] {inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens}) {
            total = total > Long.MAX_VALUE - tokens ? Long.MAX_VALUE : total + tokens;
        }
        return total;
    }
}
