package dev.drover.daemon.session.tmux;

import dev.drover.daemon.session.ResizeGate;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A session running in a pane of the daemon's tmux server. The segment files that tmux's
 * {@code pipe-pane} writer fills are followed on the log watcher's thread as inotify reports them,
 * and by the session's tailer every second regardless (every 100 ms without inotify); either moves
 * the log's end, and neither holds a buffer. Once the pane is dead and the log has been quiet (its end unchanged) for
 * {@link #QUIET_MILLIS}, it records the exit code, kills the tmux session and finishes the log.
 */
public final class TmuxSession implements RunningSession {

    private static final Logger LOG = Logger.getLogger(TmuxSession.class);
    /** How often the tailer looks at the files while inotify reports changes (a safety net). */
    private static final long WATCHED_POLL_MILLIS = 1000;
    /** How often the tailer looks at the files without inotify. */
    private static final long UNWATCHED_POLL_MILLIS = 100;
    /** How long the log must stay the same after the command ended before the tmux session is ended. */
    private static final long QUIET_MILLIS = 250;
    private static final long DYING_POLL_MILLIS = 20;
    private static final long PIPE_CLOSE_WAIT_MILLIS = 10_000;

    private final TmuxKeeper keeper;
    private final UUID id;
    private final String paneId;
    private final long pid;
    private final SessionLog log;
    private final Consumer<TmuxSession> onExit;
    private final Semaphore wakeups = new Semaphore(0);
    private final ResizeGate size;
    private volatile boolean dead;
    private volatile Integer deadStatus;
    private volatile boolean detached;
    private volatile long pollMillis = UNWATCHED_POLL_MILLIS;
    private final long registeredAt = System.nanoTime();
    private static final int STATUS_WAIT_POLLS = 4;
    private int deadWithoutStatus;

    TmuxSession(TmuxKeeper keeper, UUID id, String paneId, long pid, SessionLog log, int cols, int rows,
            Consumer<TmuxSession> onExit) {
        this.keeper = keeper;
        this.id = id;
        this.paneId = paneId;
        this.pid = pid;
        this.log = log;
        this.onExit = onExit;
        this.size = new ResizeGate(cols, rows, (c, r) -> keeper.resize(paneId, c, r));
    }

    void startTailing(LogWatcher watcher) throws IOException {
        pollMillis = watcher.watching() ? WATCHED_POLL_MILLIS : UNWATCHED_POLL_MILLIS;
        Runnable unwatch = watcher.watch(log.dir(), this::filesChanged);
        Thread.ofVirtual().name("tmux-tail-" + id).start(() -> {
            try {
                tail();
            } finally {
                unwatch.run();
            }
        });
    }

    /** When this daemon took the session on; exit polls sent earlier do not know it. */
    long registeredAt() {
        return registeredAt;
    }

    @Override
    public UUID id() {
        return id;
    }

    String paneId() {
        return paneId;
    }

    @Override
    public long pid() {
        return pid;
    }

    /**
     * Every process the launch wrapper ({@link #pid}) started, in whatever process group (an
     * interactive shell puts itself and its jobs in groups of their own), but not the wrapper: it
     * must outlive the program to record its exit status (137 after SIGKILL). A wrapper killed with
     * the program records nothing, and tmux does not always report the signal of a killed pane.
     */
    @Override
    public List<String> signalTargets() {
        return ProcessHandle.of(pid)
                .map(wrapper -> wrapper.descendants().map(process -> String.valueOf(process.pid())).toList())
                .orElse(List.of());
    }

    @Override
    public SessionLog log() {
        return log;
    }

    @Override
    public boolean alive() {
        return !log.finished();
    }

    @Override
    public CompletionStage<Void> write(byte[] bytes) {
        if (dead) {
            LOG.debugf("session %s: input dropped, the session ended", id);
            return CompletableFuture.completedFuture(null);
        }
        return keeper.sendBytes(paneId, bytes);
    }

    @Override
    public void resize(int cols, int rows) {
        size.request(cols, rows);
    }

    /** Where the pipe's command notes that {@code split} wrote its last byte, next to the session's log. */
    static Path pipeClosedFile(SessionLog log) {
        return log.dir().resolveSibling("log-closed");
    }

    /** Whether this session's command ended (its launch wrapper recorded the status and waits to be ended). */
    boolean exitRecorded() {
        return exitRecorded(log);
    }

    /** Whether the session's command ended (its launch wrapper recorded the status, and waits to be ended). */
    public static boolean exitRecorded(SessionLog log) {
        return Files.exists(statusFile(log));
    }

    /** Where the launch wrapper records the exit status, next to the session's log. */
    static Path statusFile(SessionLog log) {
        return log.dir().resolveSibling("exit-status");
    }

    /**
     * The pane is dead. The status comes from the launch wrapper's file, else from tmux; tmux can
     * show a pane dead a moment before it has the status, so without either a dead pane counts only
     * after {@link #STATUS_WAIT_POLLS} polls (a wrapper killed by a signal records nothing).
     */
    void paneDead(Integer tmuxStatus) {
        Integer status = recordedStatus().orElse(tmuxStatus);
        if (status != null || ++deadWithoutStatus >= STATUS_WAIT_POLLS) {
            died(status);
        }
    }

    private java.util.Optional<Integer> recordedStatus() {
        try {
            return java.util.Optional.of(Integer.valueOf(Files.readString(statusFile(log)).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The pane's process is gone ({@code status} null when unknown). */
    void died(Integer status) {
        if (!dead) {
            deadStatus = status;
            dead = true;
            wake();
        }
    }

    /** Stops following the log without touching the tmux session (the daemon is going away). */
    void detach() {
        detached = true;
        wake();
    }

    private void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /**
     * Runs on the log watcher's thread when a segment file changed: moves the log's end right there,
     * so caught-up viewers get the new bytes without another thread hand-off.
     */
    private void filesChanged() {
        try {
            log.refresh();
        } catch (IOException e) {
            wake();
        }
    }

    private void tail() {
        long quietSince = -1;
        long quietEnd = -1;
        try {
            while (!detached) {
                log.refresh();
                if (dead) {
                    long now = System.nanoTime();
                    long end = log.end();
                    if (end != quietEnd || quietSince < 0) {
                        quietEnd = end;
                        quietSince = now;
                    } else if (now - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                        finish();
                        return;
                    }
                }
                wakeups.tryAcquire(dead ? DYING_POLL_MILLIS : pollMillis, TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.errorf("session %s: cannot follow its log: %s", id, e.getMessage());
        }
    }

    /**
     * Ends the tmux session, which closes the pane's pipe, and waits until {@code split} has written
     * the last byte (its marker file appears) before reading the log's end: under load the final
     * bytes can reach the file well after the pane died.
     */
    private void finish() throws IOException, InterruptedException {
        keeper.kill(id);
        Path closed = pipeClosedFile(log);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PIPE_CLOSE_WAIT_MILLIS);
        while (!Files.exists(closed) && System.nanoTime() < deadline) {
            Thread.sleep(DYING_POLL_MILLIS);
        }
        if (!Files.exists(closed)) {
            LOG.warnf("session %s: the log writer did not finish within %d ms; its last bytes may be missing", id,
                    PIPE_CLOSE_WAIT_MILLIS);
        }
        log.refresh();
        log.finish(deadStatus);
        keeper.forget(this);
        onExit.accept(this);
    }
}
