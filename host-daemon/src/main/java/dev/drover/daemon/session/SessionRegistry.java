package dev.drover.daemon.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.SessionReport;
import dev.drover.protocol.daemon.SessionRunState;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The sessions this daemon holds: the running ones and those whose logs are on disk from earlier
 * runs. Layout: {@code <state-dir>/sessions/<id>/output.log} and {@code meta.json}.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    static final String LOG_FILE = "output.log";
    static final String META_FILE = "meta.json";

    private final Path sessionsDir;
    private final String shell;
    private final ObjectMapper json;
    private final Map<UUID, SessionLog> logs = new ConcurrentHashMap<>();
    private final Map<UUID, PtySession> running = new ConcurrentHashMap<>();
    private final Map<UUID, SessionMeta> metas = new ConcurrentHashMap<>();
    private final Set<Consumer<PtySession>> exitListeners = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    public SessionRegistry(DaemonConfig config, ObjectMapper json) {
        this.sessionsDir = config.stateDir().resolve("sessions");
        this.shell = config.shell();
        this.json = json;
    }

    /** Called with each session whose process exited, after its last byte is in its log. */
    public void onExit(Consumer<PtySession> listener) {
        exitListeners.add(listener);
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
    public Optional<PtySession> running(UUID sessionId) {
        return Optional.ofNullable(running.get(sessionId));
    }

    /**
     * Starts {@code spawn.command()} (the configured shell when empty) in a new PTY. Spawning a
     * session that is already running answers that session (the hub may retry after a reconnect).
     */
    @WithSpan
    public synchronized PtySession spawn(DaemonMessage.Spawn spawn) throws SpawnException {
        loadFromDisk();
        PtySession existing = running.get(spawn.sessionId());
        if (existing != null) {
            return existing;
        }
        if (logs.containsKey(spawn.sessionId())) {
            throw new SpawnException("session " + spawn.sessionId() + " already ran on this host");
        }
        List<String> command = spawn.command() == null || spawn.command().isEmpty() ? List.of(shell) : spawn.command();
        Path cwd = spawn.cwd() == null || spawn.cwd().isBlank() ? Path.of(System.getProperty("user.home"))
                : Path.of(spawn.cwd());
        if (!Files.isDirectory(cwd)) {
            throw new SpawnException("working directory does not exist: " + cwd);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TERM", "xterm-256color");
        if (spawn.env() != null) {
            env.putAll(spawn.env());
        }
        String executable = resolve(command.getFirst(), env.get("PATH"), cwd)
                .orElseThrow(() -> new SpawnException("command not found: " + command.getFirst()));
        List<String> argv = new ArrayList<>(command);
        argv.set(0, executable);
        int cols = spawn.cols() > 0 ? spawn.cols() : 80;
        int rows = spawn.rows() > 0 ? spawn.rows() : 24;

        Path dir = sessionsDir.resolve(spawn.sessionId().toString());
        SessionMeta meta = new SessionMeta(spawn.sessionId(), command, cwd.toString(), Instant.now(), null, null);
        SessionLog log;
        try {
            Files.createDirectories(dir);
            writeMeta(dir, meta);
            log = SessionLog.open(dir.resolve(LOG_FILE));
        } catch (IOException e) {
            throw new SpawnException("cannot create the session's log in " + dir + ": " + e.getMessage());
        }
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
            throw new SpawnException("cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        PtySession session = new PtySession(spawn.sessionId(), process, log, this::exited);
        session.setSize(cols, rows);
        metas.put(session.id(), meta);
        logs.put(session.id(), log);
        running.put(session.id(), session);
        session.startReader();
        LOG.infof("session %s started: pid %d, %s in %s", session.id(), session.pid(), command, cwd);
        return session;
    }

    private void exited(PtySession session) {
        running.remove(session.id());
        Integer code = session.log().exitCode();
        SessionMeta meta = metas.computeIfPresent(session.id(), (id, m) -> m.exited(Instant.now(), code));
        try {
            writeMeta(sessionsDir.resolve(session.id().toString()), meta);
        } catch (IOException e) {
            LOG.warnf("session %s: cannot record its exit: %s", session.id(), e.getMessage());
        }
        LOG.infof("session %s exited with %d, log end %d", session.id(), code, session.log().end());
        exitListeners.forEach(listener -> listener.accept(session));
    }

    private void writeMeta(Path dir, SessionMeta meta) throws IOException {
        Path tmp = dir.resolve(META_FILE + ".tmp");
        json.writeValue(tmp.toFile(), meta);
        Files.move(tmp, dir.resolve(META_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sessions left on disk by an earlier run are reported as exited: their processes died with
     * that run (exit code unknown unless it was recorded).
     */
    private void loadFromDisk() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            if (Files.isDirectory(sessionsDir)) {
                try (Stream<Path> dirs = Files.list(sessionsDir)) {
                    dirs.filter(dir -> Files.isRegularFile(dir.resolve(LOG_FILE))).forEach(this::recover);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + sessionsDir, e);
                }
            }
            loaded = true;
        }
    }

    private void recover(Path dir) {
        try {
            UUID id = UUID.fromString(dir.getFileName().toString());
            Path metaFile = dir.resolve(META_FILE);
            SessionMeta meta = Files.isRegularFile(metaFile) ? json.readValue(metaFile.toFile(), SessionMeta.class) : null;
            Integer exitCode = meta == null ? null : meta.exitCode();
            logs.put(id, SessionLog.openFinished(dir.resolve(LOG_FILE), exitCode));
            if (meta != null) {
                metas.put(id, meta);
            }
        } catch (IllegalArgumentException | IOException e) {
            LOG.warnf("skipping %s: not a readable session: %s", dir, e.getMessage());
        }
    }

    private static Optional<String> resolve(String command, String path, Path cwd) {
        if (command.contains("/")) {
            Path file = cwd.resolve(command);
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file.toString()) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path file = Path.of(entry.isEmpty() ? "." : entry).resolve(command);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return Optional.of(file.toString());
            }
        }
        return Optional.empty();
    }

    private static void closeQuietly(SessionLog log) {
        try {
            log.close();
        } catch (IOException e) {
            LOG.debugf("closing a session log: %s", e.getMessage());
        }
    }
}
