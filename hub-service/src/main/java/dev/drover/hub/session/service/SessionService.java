package dev.drover.hub.session.service;

import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.host.service.HostRevoked;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.link.HostOfflineException;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.project.repository.WorktreeRepository;
import dev.drover.hub.session.repository.McpServerList;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.hub.session.rest.SessionView;
import dev.drover.hub.session.rest.SpawnRequest;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.McpServer;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import dev.drover.protocol.daemon.WorktreeInfo;
import dev.drover.protocol.daemon.WorktreeState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Session lifecycle: spawn through the host's daemon, stop, and every state change the daemon reports. */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final int DEFAULT_COLS = 120;
    private static final int DEFAULT_ROWS = 40;
    /** Longest shell working directory or command line kept; the daemon sends at most 4 KiB. */
    static final int MAX_SHELL_TEXT = 4096;
    /** Most MCP servers kept per session. */
    static final int MAX_MCP_SERVERS = 100;

    private final SessionRepository sessions;
    private final HostRepository hosts;
    private final HostService hostService;
    private final DaemonRegistry daemons;
    private final TokenIssuer tokens;
    private final HubConfig config;
    private final WorktreeRepository worktrees;

    public SessionService(SessionRepository sessions, HostRepository hosts, HostService hostService,
            DaemonRegistry daemons, TokenIssuer tokens, HubConfig config, WorktreeRepository worktrees) {
        this.worktrees = worktrees;
        this.sessions = sessions;
        this.hosts = hosts;
        this.hostService = hostService;
        this.daemons = daemons;
        this.tokens = tokens;
        this.config = config;
    }

    /**
     * Records a {@code starting} session and asks the host's daemon to spawn it. With {@code wait},
     * answers once the daemon did: running, or a 422 problem with the daemon's reason, or 504
     * after the spawn timeout. Without, answers the starting session at once; its state and
     * {@code spawnStep} then follow what the daemon reports.
     */
    @WithSpan
    public Uni<SessionView> spawn(SpawnRequest request, String createdBy, boolean wait) {
        return spawn(request, createdBy, Lineage.NONE, wait);
    }

    /**
     * Starts a new session that resumes {@code id}'s agent conversation, on the same host, from
     * the same profile and directory, with the same task; 409 when the agent's session id is unknown
     * or the session is still live.
     */
    @WithSpan
    public Uni<SessionView> resume(UUID id, String createdBy, boolean wait) {
        return find(id)
                .chain(earlier -> {
                    if (earlier.state.live()) {
                        throw new ProblemException(409, "session " + id + " is still " + earlier.state.wire()
                                + ": stop it before resuming its conversation");
                    }
                    if (earlier.agentSessionId == null) {
                        throw new ProblemException(409, "session " + id + " has no agent session id to resume");
                    }
                    SpawnRequest request = new SpawnRequest(earlier.hostId, earlier.profile, "resume", null, earlier.cwd,
                            earlier.agentSessionId, null, earlier.task, earlier.worktree, null, null);
                    return spawn(request, createdBy, new Lineage(earlier.id, null), wait);
                });
    }

    /**
     * Opens a shell next to session {@code id}: on its host, in its git worktree when it has one
     * (else its working directory), listed with it.
     */
    @WithSpan
    public Uni<SessionView> companion(UUID id, String createdBy, boolean wait) {
        return find(id)
                .chain(parent -> worktrees.findBySession(parent.id)
                        .map(worktree -> worktree != null && worktree.state != WorktreeState.MISSING ? worktree.path : parent.cwd)
                        .chain(cwd -> spawn(new SpawnRequest(parent.hostId, "bash", "new", null, cwd, null, null, null,
                                false, null, null), createdBy, new Lineage(null, parent.id), wait)));
    }

    /** Where a new session comes from: the session it resumes, or the one it is a companion of. */
    private record Lineage(UUID resumedFrom, UUID parentId) {
        static final Lineage NONE = new Lineage(null, null);
    }

    private Uni<SessionView> spawn(SpawnRequest request, String createdBy, Lineage lineage, boolean wait) {
        return hostService.findActive(request.hostId())
                .chain(host -> sessions.listLive(host.id).map(live -> Map.entry(host, live)))
                .chain(found -> {
                    Host host = found.getKey();
                    DaemonLink link = daemons.find(host.id).orElseThrow(() -> new HostOfflineException(host.name));
                    SpawnChoice choice = SpawnChoice.of(request, host);
                    boolean worktree = worktree(request, found.getValue());
                    Session session = newSession(request, host, createdBy, choice, lineage, worktree);
                    DaemonMessage.Spawn spawn = spawnMessage(request, session, choice);
                    Uni<DaemonMessage> answer = link.spawn(spawn, config.spawnTimeout())
                            .onFailure(TimeoutException.class).transform(timeout -> new ProblemException(504,
                                    "host " + host.name + " did not answer the spawn within "
                                            + config.spawnTimeout().toSeconds() + " s"));
                    Uni<Session> stored = Panache.withTransaction(() -> sessions.persist(session));
                    if (!wait) {
                        return stored
                                .invoke(() -> answer.subscribe().with(
                                        done -> LOG.debugf("session %s: the daemon answered the spawn", session.id),
                                        failure -> spawnUnanswered(session, failure)))
                                .chain(() -> get(session.id));
                    }
                    return stored
                            .chain(() -> answer)
                            .chain(reply -> reply instanceof DaemonMessage.SpawnFailed failed
                                    ? Uni.createFrom().failure(new ProblemException(422, failed.reason()))
                                    : get(session.id));
                });
    }

    /**
     * Whether the session gets a worktree: as asked, or by default when another live session on the
     * host works in the same project. Only a session in a project can have one.
     */
    private static boolean worktree(SpawnRequest request, List<Session> live) {
        boolean inProject = request.cwd() != null && !request.cwd().isBlank();
        if (request.worktree() == null) {
            return inProject && live.stream().anyMatch(other -> request.cwd().equals(other.cwd));
        }
        if (request.worktree() && !inProject) {
            throw new ProblemException(400, "a worktree needs a project: give cwd, the repository to branch from");
        }
        return request.worktree();
    }

    private void spawnUnanswered(Session session, Throwable failure) {
        LOG.infof("session %s did not start: %s", session.id, failure.getMessage());
        markFailed(session.hostId, session.id, failure.getMessage()).subscribe().with(
                done -> LOG.debugf("session %s marked failed", session.id),
                error -> LOG.warnf("session %s: cannot record that it failed: %s", session.id, error.getMessage()));
    }

    /** Changes what a session says it is for. */
    @WithSpan
    public Uni<SessionView> updateTask(UUID id, String task) {
        return Panache.withTransaction(() -> find(id)
                        .invoke(session -> session.task = task.isBlank() ? null : task.strip()))
                .chain(() -> get(id));
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

    @WithSpan
    public Uni<List<SessionView>> list(UUID hostId, SessionState state) {
        return sessions.search(hostId, state)
                .chain(found -> hostNames().map(names -> found.stream()
                        .map(session -> view(session, names.get(session.hostId)))
                        .toList()));
    }

    @WithSpan
    public Uni<SessionView> get(UUID id) {
        return find(id)
                .chain(session -> hosts.findById(session.hostId)
                        .map(host -> view(session, host == null ? null : host.name)));
    }

    /** The session or a 404 problem. */
    public Uni<Session> find(UUID id) {
        return sessions.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no session " + id));
    }

    /** Asks the daemon to stop a live session; 409 when its host is offline. */
    @WithSpan
    public Uni<SessionView> stop(UUID id, String requestedBy) {
        return find(id)
                .chain(session -> {
                    if (!session.state.live()) {
                        return get(id);
                    }
                    return hosts.findById(session.hostId)
                            .chain(host -> daemons.find(session.hostId)
                                    .map(link -> link.send(new DaemonMessage.Stop(id, "stopped by " + requestedBy)))
                                    .orElseGet(() -> Uni.createFrom().failure(new HostOfflineException(host.name))))
                            .chain(() -> Panache.withTransaction(() -> sessions.findById(id)
                                    .invoke(stopping -> {
                                        if (stopping.stopReason == null) {
                                            stopping.stopReason = "stopped-by-user";
                                        }
                                    })))
                            .chain(() -> get(id));
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
                        session.state = SessionState.LOST;
                        session.stopReason = "daemon-lost";
                        session.endedAt = now;
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
                .invoke(live -> live.forEach(session -> {
                    session.state = SessionState.LOST;
                    session.stopReason = revoked.reason();
                    session.endedAt = revoked.at();
                }))
                .replaceWithVoid());
    }

    private static void exited(Session session, Integer exitCode, Instant now) {
        if (session.stopReason == null) {
            session.stopReason = "exited";
        }
        session.state = SessionState.EXITED;
        session.exitCode = exitCode;
        session.endedAt = now;
    }

    private Uni<Map<UUID, String>> hostNames() {
        return hosts.listAll()
                .map(all -> all.stream().collect(Collectors.toMap(host -> host.id, host -> host.name)));
    }

    private Session newSession(SpawnRequest request, Host host, String createdBy, SpawnChoice choice, Lineage lineage,
            boolean worktree) {
        Session session = new Session();
        session.id = SessionIds.next();
        session.hostId = host.id;
        session.profile = choice.profile().id();
        session.mode = choice.mode();
        session.agentSessionId = choice.agentSessionId();
        session.command = choice.command().toArray(String[]::new);
        session.cwd = request.cwd() == null || request.cwd().isBlank() ? null : request.cwd();
        session.task = request.task() == null || request.task().isBlank() ? null : request.task().strip();
        session.resumedFrom = lineage.resumedFrom();
        session.parentId = lineage.parentId();
        session.worktree = worktree;
        session.state = SessionState.STARTING;
        session.spawnStep = "asking host " + host.name;
        session.createdBy = createdBy;
        session.createdAt = Instant.now();
        return session;
    }

    private DaemonMessage.Spawn spawnMessage(SpawnRequest request, Session session, SpawnChoice choice) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TERM", "xterm-256color");
        env.put("DROVER_SESSION_ID", session.id.toString());
        DaemonMessage.TelemetryWiring telemetry = config.ingestUrl()
                .map(url -> new DaemonMessage.TelemetryWiring(url, tokens.forTelemetry(session.id, session.hostId),
                        "drover.session.id=" + session.id + ",drover.host.id=" + session.hostId))
                .orElse(null);
        return new DaemonMessage.Spawn(UUID.randomUUID().toString(), session.id, choice.command(), session.cwd, env,
                request.cols() == null ? DEFAULT_COLS : request.cols(),
                request.rows() == null ? DEFAULT_ROWS : request.rows(),
                session.profile, session.mode, session.agentSessionId, request.prompt(), telemetry, session.worktree);
    }

    private static SessionView view(Session session, String hostName) {
        return new SessionView(session.id, session.hostId, hostName, Arrays.asList(session.command), session.cwd,
                session.state.wire(), session.exitCode, session.stopReason, session.createdBy, session.createdAt,
                session.startedAt, session.endedAt,
                new SessionView.Usage(session.inputTokens, session.outputTokens, session.cacheReadTokens,
                        session.cacheCreationTokens, costUsd(session.costNanoUsd)),
                session.profile, session.mode, session.agentSessionId, session.task, session.resumedFrom,
                session.state == SessionState.STARTING ? session.spawnStep : null, session.worktree, session.worktreePath,
                session.worktreeBranch, session.parentId,
                session.shellCommandRunning == null ? null : new SessionView.Shell(session.shellCwd,
                        session.shellLastCommand, session.shellLastExitCode, session.shellCommandRunning,
                        session.shellUpdatedAt),
                session.mcpServers == null ? null : session.mcpServers.servers(),
                session.lastHookEvent == null ? null
                        : new SessionView.Hook(session.lastHookEvent, session.lastHookDetail, session.lastHookAt));
    }

    /** Nano-USD as an exact decimal string: 11437800 → "0.0114378". */
    static String costUsd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros().toPlainString();
    }
}
