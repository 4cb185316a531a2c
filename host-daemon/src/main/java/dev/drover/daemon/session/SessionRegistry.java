package dev.drover.daemon.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.config.UserHome;
import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.daemon.session.screen.ScreenModel;
import dev.drover.daemon.session.tmux.TmuxKeeper;
import dev.drover.daemon.session.tmux.TmuxSession;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The sessions this daemon holds: running ones (under tmux or in plain PTYs), sessions re-adopted
 * from the tmux server after a restart, and those whose logs are on disk from earlier runs. Layout:
 * {@code <state-dir>/sessions/<id>/log/<index>.seg} and {@code meta.json}; the tmux server's socket
 * is {@code <state-dir>/tmux.sock}. A session's terminal model also feeds its shell state
 * ({@link ShellStates}). Sessions start from the environment {@link SessionIsolation} leaves and run
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
    private final SessionIsolation isolation;
    private final Map<UUID, SessionLog> logs = new ConcurrentHashMap<>();
    private final Map<UUID, RunningSession> running = new ConcurrentHashMap<>();
    private final Map<UUID, ScreenModel> screens = new ConcurrentHashMap<>();
    private final Map<UUID, SessionMeta> metas = new ConcurrentHashMap<>();
    private final Set<Consumer<RunningSession>> exitListeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retentionQueued = new AtomicBoolean();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("log-retention").daemon().factory());
    private volatile TmuxKeeper tmux;
    private volatile boolean loaded;

    public SessionRegistry(DaemonConfig config, ObjectMapper json, ShellStates shells, SessionIsolation isolation) {
        this.config = config;
        this.shells = shells;
        this.isolation = isolation;
        System.getProperties().putIfAbsent(PTY4J_NATIVE_DIR, config.stateDir().toString());
        this.sessionsDir = config.stateDir().resolve("sessions");
        this.json = json;
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
        logs.forEach((id, log) -> reports.add(new SessionReport(id,
                log.finished() ? SessionRunState.EXITED : SessionRunState.RUNNING, log.end(),
                log.finished() ? log.exitCode() : null)));
        return reports;
    }

    /** The log of a session, live or from disk. */
    public Optional<SessionLog> log(UUID sessionId) {
        loadFromDisk();
        return Optional.ofNullable(logs.get(sessionId));
    }

    /** A running session. */
    public Optional<RunningSession> running(UUID sessionId) {
        return Optional.ofNullable(running.get(sessionId));
    }

    /** The working directory a session was started in. */
    public Optional<Path> directory(UUID sessionId) {
        loadFromDisk();
        SessionMeta meta = metas.get(sessionId);
        return meta == null || meta.cwd() == null ? Optional.empty() : Optional.of(Path.of(meta.cwd()));
    }

    /** The working directories of the running sessions. */
    public List<Path> runningDirectories() {
        return running.keySet().stream()
                .map(metas::get)
                .filter(meta -> meta != null && meta.cwd() != null)
                .map(meta -> Path.of(meta.cwd()))
                .toList();
    }

    /** The terminal model of a running session, when it keeps one. */
    public Optional<ScreenModel> screen(UUID sessionId) {
        return Optional.ofNullable(screens.get(sessionId));
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
        RunningSession existing = running.get(launch.sessionId());
        if (existing != null) {
            return existing;
        }
        if (logs.containsKey(launch.sessionId())) {
            throw new SpawnException("session " + launch.sessionId() + " already ran on this host");
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
        RunningSession session;
        if (tmux != null) {
            try {
                session = tmux.start(launch.sessionId(), argv, cwd, env, cols, rows, log, this::exited);
            } catch (IOException e) {
                closeQuietly(log);
                throw new SpawnException("cannot start " + command.getFirst() + ": " + e.getMessage());
            }
        } else {
            session = startPty(launch.sessionId(), argv, cwd, env, cols, rows, log, command.getFirst());
        }
        metas.put(session.id(), meta);
        logs.put(session.id(), log);
        running.put(session.id(), session);
        startScreen(session, cols, rows);
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
        RunningSession session = running.get(sessionId);
        if (session == null) {
            return false;
        }
        SessionMeta meta = metas.get(sessionId);
        StopSequence.start(session, meta == null || meta.stop() == null || meta.stop().isEmpty()
                ? StopSequence.DEFAULT : meta.stop());
        return true;
    }

    /** The agent profile a session was started from. */
    public Optional<String> profile(UUID sessionId) {
        return Optional.ofNullable(metas.get(sessionId)).map(SessionMeta::profile);
    }

    /** The token a running session's hooks present, when its profile wires hooks. */
    public Optional<String> hooksToken(UUID sessionId) {
        return Optional.ofNullable(running.containsKey(sessionId) ? metas.get(sessionId) : null)
                .map(SessionMeta::hooksToken);
    }

    /** The agent's own session id, when it was given at start or captured at exit. */
    public Optional<String> agentSessionId(UUID sessionId) {
        return Optional.ofNullable(metas.get(sessionId)).map(SessionMeta::agentSessionId);
    }

    private PtySession startPty(UUID id, List<String> argv, Path cwd, Map<String, String> env, int cols, int rows,
            SessionLog log, String name) throws SpawnException {
        PtyProcess process;
        try {
            process = new PtyProcessBuilder(argv.toArray(String[]::new))
                    .setEnvironment(env)
                    .setDirectory(cwd.toString())
                    .setInitialColumns(cols)
                    .setInitialRows(rows)
                    .setRedirectErrorStream(true)
                    .setUnixOpenTtyToPreserveOutputAfterTermination(true)
                    .start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(log);
            throw new SpawnException("cannot start " + name + ": " + e.getMessage());
        }
        PtySession session = new PtySession(id, process, log, cols, rows, this::exited);
        session.setSize(cols, rows);
        session.startReader();
        return session;
    }

    private void startScreen(RunningSession session, int cols, int rows) {
        if (config.screen().enabled()) {
            screens.put(session.id(), ScreenModel.start(session.id(), session.log(), cols, rows,
                    config.screen().scrollback(), shells.track(session.id())));
        }
    }

    /** Tells the session's terminal model about a window size the keeper applied. */
    public void resize(UUID sessionId, int cols, int rows) {
        RunningSession session = running.get(sessionId);
        if (session != null) {
            session.resize(cols, rows);
            ScreenModel screen = screens.get(sessionId);
            if (screen != null) {
                screen.resize(cols, rows);
            }
        }
    }

    private void exited(RunningSession session) {
        running.remove(session.id());
        shells.forget(session.id());
        ScreenModel screen = screens.remove(session.id());
        if (screen != null) {
            screen.close();
        }
        Integer code = session.log().exitCode();
        SessionMeta before = metas.get(session.id());
        String agentId = before == null ? null : ResumeCapture.find(before, session.log()).orElse(before.agentSessionId());
        SessionMeta meta = metas.computeIfPresent(session.id(), (id, m) -> m.exited(Instant.now(), code, agentId));
        if (meta != null) {
            try {
                writeMeta(sessionsDir.resolve(session.id().toString()), meta);
            } catch (IOException e) {
                LOG.warnf("session %s: cannot record its exit: %s", session.id(), e.getMessage());
            }
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
            retention.enforce(List.copyOf(logs.values()));
        } catch (RuntimeException e) {
            LOG.warnf("log retention: %s", e.getMessage());
        }
    }

    /**
     * Picks the keeper, then loads what is on disk: sessions whose tmux session still exists are
     * re-adopted (running, or exited while the daemon was away: then their exit code is recorded);
     * every other session is reported as exited (its process died with an earlier run).
     */
    private void loadFromDisk() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            Map<UUID, TmuxKeeper.Pane> panes = startKeeper();
            if (Files.isDirectory(sessionsDir)) {
                try (Stream<Path> dirs = Files.list(sessionsDir)) {
                    dirs.filter(dir -> Files.isRegularFile(dir.resolve(META_FILE))).forEach(dir -> recover(dir, panes));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + sessionsDir, e);
                }
            }
            loaded = true;
        }
    }

    private Map<UUID, TmuxKeeper.Pane> startKeeper() {
        DaemonConfig.KeeperKind kind = config.keeper();
        if (kind == DaemonConfig.KeeperKind.PTY) {
            return Map.of();
        }
        Optional<String> executable = TmuxKeeper.find(System.getenv("PATH"));
        if (executable.isEmpty()) {
            if (kind == DaemonConfig.KeeperKind.TMUX) {
                throw new IllegalStateException("drover.daemon.keeper is tmux, but tmux is not on the PATH");
            }
            LOG.info("tmux not found on the PATH: sessions run in plain PTYs and end with the daemon");
            return Map.of();
        }
        try {
            if (!Files.isDirectory(config.stateDir())) {
                Files.createDirectories(config.stateDir(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            tmux = new TmuxKeeper(executable.get(), config.stateDir().resolve("tmux.sock"), isolation.environment());
            return tmux.panes();
        } catch (IOException e) {
            if (kind == DaemonConfig.KeeperKind.TMUX) {
                throw new UncheckedIOException(e);
            }
            LOG.warnf("cannot use tmux (%s): sessions run in plain PTYs and end with the daemon", e.getMessage());
            tmux = null;
            return Map.of();
        }
    }

    private void recover(Path dir, Map<UUID, TmuxKeeper.Pane> panes) {
        try {
            UUID id = UUID.fromString(dir.getFileName().toString());
            SessionMeta meta = json.readValue(dir.resolve(META_FILE).toFile(), SessionMeta.class);
            long segmentSize = meta.segmentSize() > 0 ? meta.segmentSize() : config.log().segmentSize().asLongValue();
            metas.put(id, meta);
            TmuxKeeper.Pane pane = panes.get(id);
            if (meta.exitCode() == null && pane != null && tmux != null) {
                SessionLog log = SessionLog.tail(dir.resolve(LOG_DIR), segmentSize);
                log.refresh();
                log.onRoll(this::queueRetention);
                logs.put(id, log);
                RunningSession session = tmux.adopt(pane, log, this::exited);
                if (pane.dead() || TmuxSession.exitRecorded(log)) {
                    awaitFinished(log);
                } else {
                    running.put(id, session);
                    startScreen(session, pane.cols(), pane.rows());
                }
                LOG.infof("session %s re-adopted from tmux: %s, log end %d", id,
                        log.finished() ? "exited with " + log.exitCode() : "running", log.end());
                return;
            }
            logs.put(id, SessionLog.openFinished(dir.resolve(LOG_DIR), segmentSize, meta.exitCode()));
        } catch (IllegalArgumentException | IOException e) {
            LOG.warnf("skipping %s: not a readable session: %s", dir, e.getMessage());
        }
    }

    private static void awaitFinished(SessionLog log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!log.finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Lets go of every session without ending any: tmux sessions keep running and are re-adopted by
     * the next daemon; PTY sessions end with the daemon's process.
     */
    @PreDestroy
    public void detach() {
        housekeeping.shutdownNow();
        screens.values().forEach(ScreenModel::close);
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
