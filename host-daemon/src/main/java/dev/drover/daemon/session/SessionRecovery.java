package dev.drover.daemon.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.isolation.SessionIsolation;
import dev.drover.daemon.session.tmux.TmuxKeeper;
import dev.drover.daemon.session.tmux.TmuxSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * What the daemon finds when it starts: it picks the keeper (tmux when configured so or found on
 * the PATH, else plain PTYs), then loads the sessions earlier runs left in
 * {@code <state-dir>/sessions}. Sessions whose tmux session still exists are re-adopted (running,
 * or exited while the daemon was away: then their exit code is recorded); every other session is
 * held as exited (its process died with an earlier run).
 */
final class SessionRecovery {

    private static final Logger LOG = Logger.getLogger(SessionRecovery.class);
    private static final long ADOPTED_EXIT_WAIT_SECONDS = 5;

    private final DaemonConfig config;
    private final ObjectMapper json;
    private final SessionIsolation isolation;
    private final Path sessionsDir;

    SessionRecovery(DaemonConfig config, ObjectMapper json, SessionIsolation isolation, Path sessionsDir) {
        this.config = config;
        this.json = json;
        this.isolation = isolation;
        this.sessionsDir = sessionsDir;
    }

    /** A re-adopted session whose process still runs, with its pane's window size. */
    record Resumed(HeldSession held, RunningSession process, int cols, int rows) {
    }

    /** The keeper new sessions run under ({@code null}: plain PTYs), every session found, those still running. */
    record Recovered(TmuxKeeper tmux, List<HeldSession> sessions, List<Resumed> resumed) {
    }

    /**
     * Picks the keeper and loads the sessions on disk. {@code onExit} is told when a re-adopted
     * session's process exits (possibly before this answers); {@code onRoll} when its log starts a
     * new segment.
     */
    Recovered recover(BiConsumer<HeldSession, RunningSession> onExit, Runnable onRoll) {
        Keeper keeper = startKeeper();
        List<HeldSession> sessions = new ArrayList<>();
        List<Resumed> resumed = new ArrayList<>();
        if (Files.isDirectory(sessionsDir)) {
            try (Stream<Path> dirs = Files.list(sessionsDir)) {
                dirs.filter(dir -> Files.isRegularFile(dir.resolve(SessionRegistry.META_FILE)))
                        .forEach(dir -> recover(dir, keeper, onExit, onRoll, sessions, resumed));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sessionsDir, e);
            }
        }
        return new Recovered(keeper.tmux(), sessions, resumed);
    }

    /** The tmux keeper ({@code null}: plain PTYs) and the panes of the sessions it still holds. */
    private record Keeper(TmuxKeeper tmux, Map<UUID, TmuxKeeper.Pane> panes) {

        static final Keeper PTY = new Keeper(null, Map.of());
    }

    private Keeper startKeeper() {
        DaemonConfig.KeeperKind kind = config.keeper();
        if (kind == DaemonConfig.KeeperKind.PTY) {
            return Keeper.PTY;
        }
        Optional<String> executable = TmuxKeeper.find(System.getenv("PATH"));
        if (executable.isEmpty()) {
            if (kind == DaemonConfig.KeeperKind.TMUX) {
                throw new IllegalStateException("drover.daemon.keeper is tmux, but tmux is not on the PATH");
            }
            LOG.info("tmux not found on the PATH: sessions run in plain PTYs and end with the daemon");
            return Keeper.PTY;
        }
        try {
            if (!Files.isDirectory(config.stateDir())) {
                Files.createDirectories(config.stateDir(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            TmuxKeeper tmux = new TmuxKeeper(executable.get(), config.stateDir().resolve("tmux.sock"),
                    isolation.environment());
            return new Keeper(tmux, tmux.panes());
        } catch (IOException e) {
            if (kind == DaemonConfig.KeeperKind.TMUX) {
                throw new UncheckedIOException(e);
            }
            LOG.warnf("cannot use tmux (%s): sessions run in plain PTYs and end with the daemon", e.getMessage());
            return Keeper.PTY;
        }
    }

    private void recover(Path dir, Keeper keeper, BiConsumer<HeldSession, RunningSession> onExit, Runnable onRoll,
            List<HeldSession> sessions, List<Resumed> resumed) {
        try {
            UUID id = UUID.fromString(dir.getFileName().toString());
            SessionMeta meta = json.readValue(dir.resolve(SessionRegistry.META_FILE).toFile(), SessionMeta.class);
            long segmentSize = meta.segmentSize() > 0 ? meta.segmentSize() : config.log().segmentSize().asLongValue();
            Path logDir = dir.resolve(SessionRegistry.LOG_DIR);
            TmuxKeeper.Pane pane = keeper.panes().get(id);
            if (meta.exitCode() == null && pane != null) {
                SessionLog log = SessionLog.tail(logDir, segmentSize);
                log.refresh();
                log.onRoll(onRoll);
                HeldSession held = new HeldSession(id, log, meta);
                sessions.add(held);
                RunningSession process = keeper.tmux().adopt(pane, log, exited -> onExit.accept(held, exited));
                if (pane.dead() || TmuxSession.exitRecorded(log)) {
                    awaitFinished(log);
                } else {
                    resumed.add(new Resumed(held, process, pane.cols(), pane.rows()));
                }
                LOG.infof("session %s re-adopted from tmux: %s, log end %d", id,
                        log.finished() ? "exited with " + log.exitCode() : "running", log.end());
                return;
            }
            sessions.add(new HeldSession(id, SessionLog.openFinished(logDir, segmentSize, meta.exitCode()), meta));
        } catch (IllegalArgumentException | IOException e) {
            LOG.warnf("skipping %s: not a readable session: %s", dir, e.getMessage());
        }
    }

    private static void awaitFinished(SessionLog log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADOPTED_EXIT_WAIT_SECONDS);
        while (!log.finished() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
