package dev.drover.hub.session.service;

import dev.drover.hub.host.service.HostRevoked;
import dev.drover.hub.session.repository.McpServerList;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.McpServer;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import dev.drover.protocol.daemon.WorktreeInfo;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the hub learns about its sessions from their hosts: every change a daemon reports (the daemon
 * socket calls these), and the end of a revoked host's sessions. A daemon speaks only for its own
 * host's sessions.
 */
@ApplicationScoped
public class SessionReports {

    private static final Logger LOG = Logger.getLogger(SessionReports.class);
    /** Longest shell working directory or command line kept; the daemon sends at most 4 KiB. */
    static final int MAX_SHELL_TEXT = 4096;
    /** Most MCP servers kept per session. */
    static final int MAX_MCP_SERVERS = 100;

    private final SessionRepository sessions;

    public SessionReports(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** The daemon created the git worktree a session runs in. */
    @WithTransaction
    public Uni<Void> recordWorktree(UUID hostId, WorktreeInfo worktree) {
        if (worktree.sessionId() == null) {
            return Uni.createFrom().voidItem();
        }
        return reported(hostId, worktree.sessionId(), "worktree", session -> {
            session.worktreePath = worktree.path();
            session.worktreeBranch = worktree.branch();
        });
    }

    /** A starting session's daemon reports the step it is on. */
    @WithTransaction
    public Uni<Void> recordProgress(UUID hostId, UUID id, String step) {
        return reported(hostId, id, "spawn progress", session -> {
            if (session.state == SessionState.STARTING) {
                session.spawnStep = step == null || step.length() <= 200 ? step : step.substring(0, 200);
            }
        });
    }

    /** The daemon runs the session's process. */
    @WithTransaction
    public Uni<Void> markRunning(UUID hostId, UUID id) {
        return reported(hostId, id, "start", session -> {
            if (session.state == SessionState.STARTING) {
                session.state = SessionState.RUNNING;
                session.startedAt = Instant.now();
                session.spawnStep = null;
            }
        });
    }

    /** The session could not be started on host {@code hostId}. */
    @WithTransaction
    public Uni<Void> markFailed(UUID hostId, UUID id, String reason) {
        return reported(hostId, id, "spawn failure", session -> {
            if (session.state == SessionState.STARTING) {
                session.state = SessionState.FAILED;
                session.stopReason = reason;
                session.endedAt = Instant.now();
            }
        });
    }

    /**
     * The session's process ended; {@code agentSessionId}, when the daemon learnt it, is kept for
     * resume. A session that ended by itself gets stop reason {@code exited}.
     */
    @WithTransaction
    public Uni<Void> markExited(UUID hostId, UUID id, Integer exitCode, String agentSessionId) {
        return reported(hostId, id, "exit", session -> {
            if (agentSessionId != null && session.agentSessionId == null) {
                session.agentSessionId = agentSessionId;
            }
            if (session.state.live()) {
                exited(session, exitCode, Instant.now());
            }
        });
    }

    /** Keeps what a session's shell reported. */
    @WithTransaction
    public Uni<Void> recordShellState(UUID hostId, DaemonMessage.ShellState state) {
        return reported(hostId, state.sessionId(), "shell state", session -> {
            session.shellCwd = clip(state.cwd());
            session.shellLastCommand = clip(state.lastCommand());
            session.shellLastExitCode = state.lastExitCode();
            session.shellCommandRunning = state.commandRunning();
            session.shellUpdatedAt = Instant.now();
        });
    }

    /** Keeps the last hook a session's agent called. */
    @WithTransaction
    public Uni<Void> recordHook(UUID hostId, DaemonMessage.AgentHook hook) {
        return reported(hostId, hook.sessionId(), "hook", session -> {
            session.lastHookEvent = clip(hook.event());
            session.lastHookDetail = clip(hook.detail());
            session.lastHookAt = hook.at() == null ? Instant.now() : hook.at();
        });
    }

    /** Keeps the MCP servers the daemon found for a session. */
    @WithTransaction
    public Uni<Void> recordMcpServers(UUID hostId, DaemonMessage.McpServers found) {
        List<McpServer> servers = found.servers() == null ? List.of() : found.servers().stream()
                .filter(Objects::nonNull)
                .limit(MAX_MCP_SERVERS)
                .toList();
        return reported(hostId, found.sessionId(), "MCP servers", session -> session.mcpServers = new McpServerList(servers));
    }

    /**
     * Aligns the recorded state of a host's live sessions with what its daemon reports in
     * {@code hello}: running stays or becomes running, exited becomes exited, and a session the
     * daemon does not know becomes {@code lost} ({@code daemon-lost}).
     */
    @WithSpan
    @WithTransaction
    public Uni<Void> reconcile(UUID hostId, List<SessionReport> reports) {
        Map<UUID, SessionReport> reported = reports == null ? Map.of() : reports.stream()
                .filter(Objects::nonNull)
                .collect(Collectors.toMap(SessionReport::sessionId, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        Instant now = Instant.now();
        return sessions.listLive(hostId)
                .invoke(live -> live.forEach(session -> {
                    SessionReport report = reported.get(session.id);
                    if (report == null) {
                        lost(session, "daemon-lost", now);
                    } else if (report.state() == SessionRunState.EXITED) {
                        exited(session, report.exitCode(), now);
                    } else if (session.state == SessionState.STARTING) {
                        session.state = SessionState.RUNNING;
                        session.startedAt = now;
                    }
                    LOG.debugf("session %s on host %s reconciled to %s", session.id, hostId, session.state.wire());
                }))
                .replaceWithVoid();
    }

    /** A revoked or removed host's live sessions end as {@code lost}, with the revocation's reason. */
    void hostRevoked(@Observes HostRevoked revoked) {
        revoked.alsoDo(() -> sessions.listLive(revoked.hostId())
                .invoke(live -> live.forEach(session -> lost(session, revoked.reason(), revoked.at())))
                .replaceWithVoid());
    }

    /**
     * Applies what host {@code hostId}'s daemon reported about a session, if that host runs it: a
     * daemon speaks only for its own host's sessions, so a report about another's (or an unknown
     * one) is ignored and logged. Runs in the caller's transaction.
     */
    private Uni<Void> reported(UUID hostId, UUID sessionId, String what, Consumer<Session> apply) {
        return sessions.findById(sessionId)
                .invoke(session -> {
                    if (session == null || !session.hostId.equals(hostId)) {
                        LOG.debugf("%s of session %s from host %s ignored: not its session", what, sessionId, hostId);
                    } else {
                        apply.accept(session);
                    }
                })
                .replaceWithVoid();
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_SHELL_TEXT ? text : text.substring(0, MAX_SHELL_TEXT);
    }

    private static void exited(Session session, Integer exitCode, Instant now) {
        if (session.stopReason == null) {
            session.stopReason = "exited";
        }
        session.state = SessionState.EXITED;
        session.exitCode = exitCode;
        session.endedAt = now;
    }

    private static void lost(Session session, String reason, Instant now) {
        session.state = SessionState.LOST;
        session.stopReason = reason;
        session.endedAt = now;
    }
}
