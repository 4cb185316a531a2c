package dev.drover.hub.session.service;

import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.hub.error.HostTimeoutException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.RefusedByHostException;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.project.repository.WorktreeRepository;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionFilter;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.WorktreeState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Session lifecycle as users drive it: spawn through the host's daemon, resume, companion shells,
 * stop. What daemons report about their sessions is {@link SessionReports}.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final int DEFAULT_COLS = 120;
    private static final int DEFAULT_ROWS = 40;

    private final SessionRepository sessions;
    private final HostRepository hosts;
    private final HostService hostService;
    private final DaemonRegistry daemons;
    private final TokenIssuer tokens;
    private final HubConfig config;
    private final WorktreeRepository worktrees;
    private final SessionReports reports;
    private final Event<SessionSpawning> spawningEvents;

    public SessionService(SessionRepository sessions, HostRepository hosts, HostService hostService,
            DaemonRegistry daemons, TokenIssuer tokens, HubConfig config, WorktreeRepository worktrees,
            SessionReports reports, Event<SessionSpawning> spawningEvents) {
        this.spawningEvents = spawningEvents;
        this.worktrees = worktrees;
        this.reports = reports;
        this.sessions = sessions;
        this.hosts = hosts;
        this.hostService = hostService;
        this.daemons = daemons;
        this.tokens = tokens;
        this.config = config;
    }

    /**
     * Records a {@code starting} session and asks the host's daemon to spawn it. With {@code wait},
     * answers once the daemon did: running, or {@link RefusedByHostException} with the daemon's
     * reason, or {@link HostTimeoutException} after the spawn timeout. Without, answers the starting
     * session at once; its state and {@code spawnStep} then follow what the daemon reports.
     */
    @WithSpan
    public Uni<HostedSession> spawn(SessionSpec spec, String createdBy, boolean wait) {
        return spawn(spec, createdBy, Lineage.NONE, wait);
    }

    /**
     * Starts a new session that resumes {@code id}'s agent conversation, on the same host, from
     * the same profile and directory, with the same task; a conflict when the agent's session id is
     * unknown or the session is still live.
     */
    @WithSpan
    public Uni<HostedSession> resume(UUID id, String createdBy, boolean wait) {
        return find(id)
                .chain(earlier -> {
                    if (earlier.state.live()) {
                        throw new ConflictException("session " + id + " is still " + earlier.state.wire()
                                + ": stop it before resuming its conversation");
                    }
                    if (earlier.agentSessionId == null) {
                        throw new ConflictException("session " + id + " has no agent session id to resume");
                    }
                    SessionSpec spec = new SessionSpec(earlier.hostId, earlier.profile, "resume", null, earlier.cwd,
                            earlier.agentSessionId, null, earlier.task, earlier.worktree, null, null,
                            earlier.budgetCostNanoUsd, earlier.budgetTokens);
                    return spawn(spec, createdBy, new Lineage(earlier.id, null), wait);
                });
    }

    /**
     * Opens a shell next to session {@code id}: on its host, in its git worktree when it has one
     * (else its working directory), listed with it.
     */
    @WithSpan
    public Uni<HostedSession> companion(UUID id, String createdBy, boolean wait) {
        return find(id)
                .chain(parent -> worktrees.findBySession(parent.id)
                        .map(worktree -> worktree != null && worktree.state != WorktreeState.MISSING ? worktree.path : parent.cwd)
                        .chain(cwd -> spawn(new SessionSpec(parent.hostId, "bash", "new", null, cwd, null, null, null,
                                false, null, null, null, null), createdBy, new Lineage(null, parent.id), wait)));
    }

    /** Where a new session comes from: the session it resumes, or the one it is a companion of. */
    private record Lineage(UUID resumedFrom, UUID parentId) {
        static final Lineage NONE = new Lineage(null, null);
    }

    private Uni<HostedSession> spawn(SessionSpec spec, String createdBy, Lineage lineage, boolean wait) {
        return hostService.findActive(spec.hostId())
                .chain(host -> sessions.listLive(host.id).map(live -> Map.entry(host, live)))
                .chain(found -> {
                    Host host = found.getKey();
                    DaemonLink link = daemons.find(host.id).orElseThrow(() -> new HostOfflineException(host.name));
                    SpawnChoice choice = SpawnChoice.of(spec, host);
                    boolean worktree = worktree(spec, found.getValue());
                    Session session = newSession(spec, host, createdBy, choice, lineage, worktree);
                    DaemonMessage.Spawn spawn = spawnMessage(spec, session, choice);
                    Uni<DaemonMessage> answer = link.spawn(spawn, config.spawnTimeout())
                            .onFailure(TimeoutException.class).transform(timeout -> new HostTimeoutException(host.name,
                                    "answer the spawn", config.spawnTimeout()));
                    Uni<Session> stored = Panache.withTransaction(() -> allowed(session)
                            .chain(() -> sessions.persist(session)));
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
                                    ? Uni.createFrom().failure(new RefusedByHostException(failed.reason()))
                                    : get(session.id));
                });
    }

    /**
     * Tells the other features that the session is about to be recorded, in its transaction; one of
     * them (budgets) may refuse it with a domain exception.
     */
    private Uni<Void> allowed(Session session) {
        SessionSpawning spawning = new SessionSpawning(session);
        spawningEvents.fire(spawning);
        return spawning.checks();
    }

    /**
     * Whether the session gets a worktree: as asked, or by default when another live session on the
     * host works in the same project. Only a session in a project can have one.
     */
    private static boolean worktree(SessionSpec spec, List<Session> live) {
        boolean inProject = spec.cwd() != null && !spec.cwd().isBlank();
        if (spec.worktree() == null) {
            return inProject && live.stream().anyMatch(other -> spec.cwd().equals(other.cwd));
        }
        if (spec.worktree() && !inProject) {
            throw new InvalidException("a worktree needs a project: give cwd, the repository to branch from");
        }
        return spec.worktree();
    }

    private void spawnUnanswered(Session session, Throwable failure) {
        LOG.infof("session %s did not start: %s", session.id, failure.getMessage());
        reports.markFailed(session.hostId, session.id, failure.getMessage()).subscribe().with(
                done -> LOG.debugf("session %s marked failed", session.id),
                error -> LOG.warnf("session %s: cannot record that it failed: %s", session.id, error.getMessage()));
    }

    /** Changes what a session says it is for. */
    @WithSpan
    public Uni<HostedSession> updateTask(UUID id, String task) {
        return Panache.withTransaction(() -> find(id)
                        .invoke(session -> session.task = task.isBlank() ? null : task.strip()))
                .chain(() -> get(id));
    }

    /**
     * The sessions {@code filter} lets through, newest first: those after the first {@code offset},
     * at most {@code limit} of them (all when null), with how many match in all.
     */
    @WithSpan
    public Uni<SessionPage> list(SessionFilter filter, Integer limit, int offset) {
        return sessions.find(filter, limit, offset)
                .chain(slice -> hostNames().map(names -> new SessionPage(slice.sessions().stream()
                        .map(session -> new HostedSession(session, names.get(session.hostId)))
                        .toList(), slice.total(), slice.hiddenEnded())));
    }

    /**
     * What the list's filters can offer: the hosts (by name), profiles, directories and users that the
     * sessions {@code visibleTo} may see have (null: every session).
     */
    @WithSpan
    public Uni<SessionFacets> facets(String visibleTo) {
        return sessions.choices(visibleTo)
                .chain(choices -> hostNames().map(names -> new SessionFacets(
                        choices.hostIds().stream()
                                .map(id -> new SessionFacets.HostChoice(id, names.getOrDefault(id, id.toString())))
                                .sorted(Comparator.comparing(SessionFacets.HostChoice::name))
                                .toList(),
                        choices.profiles(), choices.projects(), choices.creators())));
    }

    @WithSpan
    public Uni<HostedSession> get(UUID id) {
        return find(id)
                .chain(session -> hosts.findById(session.hostId)
                        .map(host -> new HostedSession(session, host == null ? null : host.name)));
    }

    /** The session, or {@link NotFoundException}. */
    public Uni<Session> find(UUID id) {
        return sessions.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no session " + id));
    }

    /** Asks the daemon to stop a live session; {@link HostOfflineException} when its host is offline. */
    @WithSpan
    public Uni<HostedSession> stop(UUID id, String requestedBy) {
        return stop(id, "stopped-by-user", "stopped by " + requestedBy);
    }

    /**
     * Asks the daemon to stop a live session with its profile's stop sequence, telling it {@code why};
     * the session's stop reason becomes {@code stopReason} unless it already has one. An ended
     * session is answered as it is.
     */
    @WithSpan
    public Uni<HostedSession> stop(UUID id, String stopReason, String why) {
        return find(id)
                .chain(session -> {
                    if (!session.state.live()) {
                        return get(id);
                    }
                    return hosts.findById(session.hostId)
                            .chain(host -> daemons.find(session.hostId)
                                    .map(link -> link.send(new DaemonMessage.Stop(id, why)))
                                    .orElseGet(() -> Uni.createFrom().failure(new HostOfflineException(host.name))))
                            .chain(() -> Panache.withTransaction(() -> sessions.findById(id)
                                    .invoke(stopping -> {
                                        if (stopping.stopReason == null) {
                                            stopping.stopReason = stopReason;
                                        }
                                    })))
                            .chain(() -> get(id));
                });
    }

    /**
     * The visible screen of a live session as its daemon's terminal model shows it now:
     * {@link ConflictException} when the session ended, {@link HostOfflineException} when its host is
     * offline, {@link RefusedByHostException} when the daemon keeps no terminal model for it.
     */
    @WithSpan
    public Uni<DaemonMessage.ScreenText> screen(UUID id) {
        return find(id)
                .chain(session -> {
                    if (!session.state.live()) {
                        throw new ConflictException("session " + id + " is " + session.state.wire() + ": it has no screen");
                    }
                    return hosts.findById(session.hostId)
                            .chain(host -> daemons.find(session.hostId)
                                    .map(link -> link.request(new DaemonMessage.ReadScreen(UUID.randomUUID().toString(), id),
                                                    config.spawnTimeout())
                                            .onFailure(TimeoutException.class).transform(timeout -> new HostTimeoutException(
                                                    host.name, "send the screen", config.spawnTimeout())))
                                    .orElseGet(() -> Uni.createFrom().failure(new HostOfflineException(host.name))));
                })
                .map(reply -> switch (reply) {
                    case DaemonMessage.ScreenText screen -> screen;
                    case DaemonMessage.RequestFailed failed -> throw new RefusedByHostException(failed.reason());
                    default -> throw new IllegalStateException("unexpected answer " + reply.getClass().getSimpleName());
                });
    }

    private Uni<Map<UUID, String>> hostNames() {
        return hosts.listAll()
                .map(all -> all.stream().collect(Collectors.toMap(host -> host.id, host -> host.name)));
    }

    private Session newSession(SessionSpec spec, Host host, String createdBy, SpawnChoice choice, Lineage lineage,
            boolean worktree) {
        Session session = new Session();
        session.id = SessionIds.next();
        session.hostId = host.id;
        session.profile = choice.profile().id();
        session.mode = choice.mode();
        session.agentSessionId = choice.agentSessionId();
        session.command = choice.command().toArray(String[]::new);
        session.cwd = spec.cwd() == null || spec.cwd().isBlank() ? null : spec.cwd();
        session.task = spec.task() == null || spec.task().isBlank() ? null : spec.task().strip();
        session.resumedFrom = lineage.resumedFrom();
        session.parentId = lineage.parentId();
        session.worktree = worktree;
        session.state = SessionState.STARTING;
        session.spawnStep = "asking host " + host.name;
        session.createdBy = createdBy;
        session.createdAt = Instant.now();
        session.budgetCostNanoUsd = spec.budgetCostNanoUsd();
        session.budgetTokens = spec.budgetTokens();
        return session;
    }

    private DaemonMessage.Spawn spawnMessage(SessionSpec spec, Session session, SpawnChoice choice) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TERM", "xterm-256color");
        env.put("DROVER_SESSION_ID", session.id.toString());
        DaemonMessage.TelemetryWiring telemetry = config.ingestUrl()
                .map(url -> new DaemonMessage.TelemetryWiring(url, tokens.forTelemetry(session.id, session.hostId, session.profile),
                        "drover.session.id=" + session.id + ",drover.host.id=" + session.hostId))
                .orElse(null);
        return new DaemonMessage.Spawn(UUID.randomUUID().toString(), session.id, choice.command(), session.cwd, env,
                spec.cols() == null ? DEFAULT_COLS : spec.cols(),
                spec.rows() == null ? DEFAULT_ROWS : spec.rows(),
                session.profile, session.mode, session.agentSessionId, spec.prompt(), telemetry, session.worktree);
    }
}
