package dev.drover.daemon.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.config.UserHome;
import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.daemon.session.screen.ScreenModel;
import dev.drover.daemon.session.tmux.TmuxKeeper;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The sessions this daemon holds, one {@link HeldSession} each: running ones (under tmux or in plain
 * PTYs), sessions re-adopted from the tmux server after a restart, and those whose logs are on disk
 * from earlier runs ({@link SessionRecovery} finds these on first use). Layout:
 * {@code <state-dir>/sessions/<id>/log/<index>.seg} and {@code meta.json}; the tmux server's socket
 * is {@code <state-dir>/tmux.sock}. A session's terminal model also feeds its shell state
 * ({@link ShellStates}) and its agent's activity ({@link SessionActivities}). Sessions start from the environment {@link SessionIsolation} leaves and run
 * isolated where the host allows it.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    static final String LOG_DIR = "log";
    static final String META_FILE = "meta.json";
    static final String TMUX = "tmux";
    /**
     * Where pty4j unpacks its native library. Unset, it unpacks a copy into a new temp directory in
     * every process and leaves it there; the daemon keeps one copy in its state directory instead.
     */
    private static final String PTY4J_NATIVE_DIR = "pty4j.tmpdir";
    static final String PTY = "pty";
    private static final long RETENTION_PERIOD_SECONDS = 1;

    private final DaemonConfig config;
    private final Path sessionsDir;
    private final ObjectMapper json;
    private final LogRetention retention;
    private final ShellStates shells;
    private final SessionActivities activities;
    private final SessionIsolation isolation;
    private final SessionRecovery recovery;
    private final Map<UUID, HeldSession> held = new ConcurrentHashMap<>();
    private final Set<Consumer<RunningSession>> exitListeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retentionQueued = new AtomicBoolean();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("log-retention").daemon().factory());
    private volatile TmuxKeeper tmux;
    private volatile boolean loaded;

    public SessionRegistry(DaemonConfig config, ObjectMapper json, ShellStates shells, SessionActivities activities,
            SessionIsolation isolation) {
        this.config = config;
        this.shells = shells;
        this.activities = activities;
        this.isolation = isolation;
        System.getProperties().putIfAbsent(PTY4J_NATIVE_DIR, config.stateDir().toString());
        this.sessionsDir = config.stateDir().resolve("sessions");
        this.json = json;
        this.recovery = new SessionRecovery(config, json, isolation, sessionsDir);
        this.retention = new LogRetention(config.log().retentionPerSession().asLongValue(),
                config.log().retentionTotal().asLongValue());
        housekeeping.scheduleWithFixedDelay(this::enforceRetention, RETENTION_PERIOD_SECONDS, RETENTION_PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Called with each session whose process exited, after its last byte is in its log. */
    public void onExit(Consumer<RunningSession> listener) {
        exitListeners.add(listener);
    }

    /** The keeper new sessions run under: {@code tmux} or {@code pty}. */
    public String keeper() {
        loadFromDisk();
        return tmux != null ? TMUX : PTY;
    }

    /** Every session this daemon holds, with its state and log end, for {@code hello}. */
    public List<SessionReport> reports() {
        loadFromDisk();
        List<SessionReport> reports = new ArrayList<>();
        held.forEach((id, session) -> {
            SessionLog log = session.log();
            reports.add(new SessionReport(id, log.finished() ? SessionRunState.EXITED : SessionRunState.RUNNING,
                    log.end(), log.finished() ? log.exitCode() : null));
        });
        return reports;
    }

    /** The log of a session, live or from disk. */
    public Optional<SessionLog> log(UUID sessionId) {
        loadFromDisk();
        return Optional.ofNullable(held.get(sessionId)).map(HeldSession::log);
    }

    /** A running session. */
    public Optional<RunningSession> running(UUID sessionId) {
        return Optional.ofNullable(held.get(sessionId)).flatMap(HeldSession::running);
    }

    /** The working directory a session was started in. */
    public Optional<Path> directory(UUID sessionId) {
        loadFromDisk();
        return Optional.ofNullable(held.get(sessionId))
                .map(session -> session.meta().cwd())
                .map(Path::of);
    }

    /** The working directories of the running sessions. */
    public List<Path> runningDirectories() {
        return held.values().stream()
                .filter(session -> session.running().isPresent() && session.meta().cwd() != null)
                .map(session -> Path.of(session.meta().cwd()))
                .toList();
    }

    /** The terminal model of a running session, when it keeps one. */
    public Optional<ScreenModel> screen(UUID sessionId) {
        return Optional.ofNullable(held.get(sessionId)).flatMap(HeldSession::screen);
    }

    /**
     * Starts {@code spawn.command()} (the configured shell when empty) as a plain command session;
     * see {@link #spawn(SessionLaunch)}.
     */
    public RunningSession spawn(DaemonMessage.Spawn spawn) throws SpawnException {
        List<String> command = spawn.command() == null || spawn.command().isEmpty() ? List.of(config.shell()) : spawn.command();
        Path cwd = spawn.cwd() == null || spawn.cwd().isBlank() ? UserHome.of() : Path.of(spawn.cwd());
        return spawn(new SessionLaunch(spawn.sessionId(), command, cwd, spawn.env() == null ? Map.of() : spawn.env(),
                spawn.cols(), spawn.rows(), "command", null, null, StopSequence.DEFAULT, null));
    }

    /**
     * Starts {@code launch} under the keeper. Spawning a session that is already running answers
     * that session (the hub may retry after a reconnect).
     */
    @WithSpan
    public synchronized RunningSession spawn(SessionLaunch launch) throws SpawnException {
        loadFromDisk();
        HeldSession existing = held.get(launch.sessionId());
        if (existing != null) {
            return existing.running().orElseThrow(
                    () -> new SpawnException("session " + launch.sessionId() + " already ran on this host"));
        }
        List<String> command = launch.argv();
        Path cwd = launch.cwd();
        if (!Files.isDirectory(cwd)) {
            throw new SpawnException("working directory does not exist: " + cwd);
        }
        String refusal = isolation.refusal();
        if (refusal != null) {
            throw new SpawnException(refusal);
        }
        Map<String, String> env = new HashMap<>(isolation.environment());
        env.put("TERM", "xterm-256color");
        env.putAll(launch.env());
        String path = env.get("PATH");
        String executable = Executables.find(command.getFirst(), path, cwd)
                .orElseThrow(() -> new SpawnException("command not found: " + command.getFirst()));
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, executable);
        int cols = launch.cols() > 0 ? launch.cols() : 80;
        int rows = launch.rows() > 0 ? launch.rows() : 24;

        Path dir = sessionDir(launch.sessionId());
        String keeper = tmux != null ? TMUX : PTY;
        long segmentSize = config.log().segmentSize().asLongValue();
        SessionMeta meta = new SessionMeta(launch.sessionId(), command, cwd.toString(), Instant.now(), null, null, keeper,
                segmentSize, launch.profile(), launch.agentSessionId(), launch.resumeCapture(), launch.stop(),
                launch.hooksToken());
        SessionLog log;
        try {
            Files.createDirectories(dir);
            writeMeta(dir, meta);
            log = tmux != null ? SessionLog.tail(dir.resolve(LOG_DIR), segmentSize)
                    : SessionLog.open(dir.resolve(LOG_DIR), segmentSize);
        } catch (IOException e) {
            throw new SpawnException("cannot create the session's log in " + dir + ": " + e.getMessage());
        }
        log.onRoll(this::queueRetention);
        List<String> argv = isolation.wrap(resolved, cwd, dir);
        HeldSession starting = new HeldSession(launch.sessionId(), log, meta);
        RunningSession session;
        try {
            session = tmux != null
                    ? tmux.start(launch.sessionId(), argv, cwd, env, cols, rows, log, exited -> exited(starting, exited))
                    : PtySession.start(launch.sessionId(), argv, cwd, env, cols, rows, log,
                            exited -> exited(starting, exited));
        } catch (IOException | RuntimeException e) {
            closeQuietly(log);
            throw new SpawnException("cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        held.put(session.id(), starting);
        started(starting, session, cols, rows);
        // Only the program and the number of its arguments: arguments can carry prompts and secrets.
        LOG.infof("session %s started under %s: pid %d, %s with %d arguments in %s", session.id(), keeper, session.pid(),
                Path.of(command.getFirst()).getFileName(), command.size() - 1, cwd);
        return session;
    }

    /** The directory holding a session's log, {@code meta.json} and the files its profile prepares. */
    public Path sessionDir(UUID sessionId) {
        return sessionsDir.resolve(sessionId.toString());
    }

    /**
     * Stops a running session with the stop sequence it was started with; answers false when it
     * is not running here.
     */
    public boolean stop(UUID sessionId) {
        HeldSession session = held.get(sessionId);
        Optional<RunningSession> process = session == null ? Optional.empty() : session.running();
        if (process.isEmpty()) {
            return false;
        }
        SessionMeta meta = session.meta();
        StopSequence.start(process.get(), meta.stop() == null || meta.stop().isEmpty() ? StopSequence.DEFAULT : meta.stop());
        return true;
    }

    /** The agent profile a session was started from. */
    public Optional<String> profile(UUID sessionId) {
        return Optional.ofNullable(held.get(sessionId)).map(session -> session.meta().profile());
    }

    /** The token a running session's hooks present, when its profile wires hooks. */
    public Optional<String> hooksToken(UUID sessionId) {
        return Optional.ofNullable(held.get(sessionId))
                .filter(session -> session.running().isPresent())
                .map(session -> session.meta().hooksToken());
    }

    /** The agent's own session id, when it was given at start or captured at exit. */
    public Optional<String> agentSessionId(UUID sessionId) {
        return Optional.ofNullable(held.get(sessionId)).map(session -> session.meta().agentSessionId());
    }

    /** The session whose agent has the session id {@code agentSessionId} (given at start or captured at exit), if any. */
    public Optional<UUID> sessionOfAgent(String agentSessionId) {
        loadFromDisk();
        return held.values().stream()
                .filter(session -> agentSessionId.equals(session.meta().agentSessionId()))
                .map(HeldSession::id)
                .findFirst();
    }

    /** Takes a session's running process and starts its terminal model, when the daemon keeps them. */
    private void started(HeldSession session, RunningSession process, int cols, int rows) {
        OutputTap activity = activities.track(session.id(), session.meta().profile(), session.log()::end);
        session.started(process, () -> config.screen().enabled()
                ? ScreenModel.start(session.id(), session.log(), cols, rows, config.screen().scrollback(),
                        OutputTap.of(shells.track(session.id()), activity))
                : null);
    }

    /** Tells the session's terminal model about a window size the keeper applied. */
    public void resize(UUID sessionId, int cols, int rows) {
        HeldSession session = held.get(sessionId);
        if (session != null) {
            session.running().ifPresent(process -> {
                process.resize(cols, rows);
                session.screen().ifPresent(screen -> screen.resize(cols, rows));
            });
        }
    }

    private void exited(HeldSession held, RunningSession session) {
        Optional<ScreenModel> screen = held.exited();
        shells.forget(session.id());
        screen.ifPresent(ScreenModel::close);
        activities.exited(session.id(), session.log().exitCode());
        Integer code = session.log().exitCode();
        SessionMeta before = held.meta();
        String agentId = ResumeCapture.find(before, session.log()).orElse(before.agentSessionId());
        SessionMeta meta = before.exited(Instant.now(), code, agentId);
        held.meta(meta);
        try {
            writeMeta(sessionDir(session.id()), meta);
        } catch (IOException e) {
            LOG.warnf("session %s: cannot record its exit: %s", session.id(), e.getMessage());
        }
        LOG.infof("session %s exited with %s, log end %d", session.id(), code, session.log().end());
        exitListeners.forEach(listener -> listener.accept(session));
    }

    private void writeMeta(Path dir, SessionMeta meta) throws IOException {
        Path tmp = dir.resolve(META_FILE + ".tmp");
        json.writeValue(tmp.toFile(), meta);
        Files.move(tmp, dir.resolve(META_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private void queueRetention() {
        if (retentionQueued.compareAndSet(false, true)) {
            housekeeping.execute(this::enforceRetention);
        }
    }

    private void enforceRetention() {
        retentionQueued.set(false);
        try {
            retention.enforce(held.values().stream().map(HeldSession::log).toList());
        } catch (RuntimeException e) {
            LOG.warnf("log retention: %s", e.getMessage());
        }
    }

    /** Picks the keeper and holds the sessions on disk, once ({@link SessionRecovery}). */
    private void loadFromDisk() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            SessionRecovery.Recovered recovered = recovery.recover(this::exited, this::queueRetention);
            tmux = recovered.tmux();
            recovered.sessions().forEach(session -> held.put(session.id(), session));
            recovered.resumed().forEach(resumed -> started(resumed.held(), resumed.process(), resumed.cols(),
                    resumed.rows()));
            loaded = true;
        }
    }

    /**
     * Lets go of every session without ending any: tmux sessions keep running and are re-adopted by
     * the next daemon; PTY sessions end with the daemon's process.
     */
    @PreDestroy
    public void detach() {
        housekeeping.shutdownNow();
        held.values().forEach(session -> session.screen().ifPresent(ScreenModel::close));
        TmuxKeeper keeper = tmux;
        if (keeper != null) {
            try {
                keeper.close();
            } catch (IOException e) {
                LOG.debugf("detaching from tmux: %s", e.getMessage());
            }
        }
    }

    /** The tmux keeper, when sessions run under tmux. */
    public Optional<TmuxKeeper> tmux() {
        loadFromDisk();
        return Optional.ofNullable(tmux);
    }

    private static void closeQuietly(SessionLog log) {
        try {
            log.close();
        } catch (IOException e) {
            LOG.debugf("closing a session log: %s", e.getMessage());
        }
    }
}
