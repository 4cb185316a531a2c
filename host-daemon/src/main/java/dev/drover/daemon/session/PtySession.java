package dev.drover.daemon.session;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A running session of the PTY keeper: a process in a PTY (a child of the daemon: it dies with it) whose output a dedicated reader thread drains into the
 * session's {@link SessionLog}, whatever the viewers do. Keystrokes are written from the caller's
 * thread; larger input and resizes run in order on the session's own virtual thread.
 */
public final class PtySession implements RunningSession {

    private static final Logger LOG = Logger.getLogger(PtySession.class);
    private static final int READ_BUFFER = 64 * 1024;
    /** After EOF, output may still be in flight in the kernel's tty buffers: read until it is quiet. */
    private static final int SETTLE_EMPTY_READS = 10;
    private static final long SETTLE_PAUSE_MILLIS = 2;
    /** The largest input written from the caller's thread (see {@link #write}). */
    private static final int DIRECT_INPUT_BYTES = 256;
    /** Input bytes that may be written from the caller's thread while the program prints nothing. */
    private static final int DIRECT_INPUT_BUDGET = 4096;

    private final UUID id;
    private final PtyProcess process;
    private final SessionLog log;
    private final Consumer<PtySession> onExit;
    private final ExecutorService control;
    private final ResizeGate size;
    /** Writes handed to the control thread that have not finished yet. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Input bytes written since the program last printed something. */
    private final AtomicInteger unanswered = new AtomicInteger();

    /**
     * Starts {@code argv} in a new PTY of {@code cols}×{@code rows} (set again once started: pty4j
     * sometimes ignores the initial size) and drains its output into {@code log}.
     */
    static PtySession start(UUID id, List<String> argv, Path cwd, Map<String, String> env, int cols, int rows,
            SessionLog log, Consumer<PtySession> onExit) throws IOException {
        PtyProcess process = new PtyProcessBuilder(argv.toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(cwd.toString())
                .setInitialColumns(cols)
                .setInitialRows(rows)
                .setRedirectErrorStream(true)
                .setUnixOpenTtyToPreserveOutputAfterTermination(true)
                .start();
        PtySession session = new PtySession(id, process, log, cols, rows, onExit);
        session.setSize(cols, rows);
        session.startReader();
        return session;
    }

    private PtySession(UUID id, PtyProcess process, SessionLog log, int cols, int rows, Consumer<PtySession> onExit) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.onExit = onExit;
        this.control = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("pty-control-" + id).factory());
        this.size = new ResizeGate(cols, rows, (c, r) -> control.execute(() -> setSize(c, r)));
    }

    private void startReader() {
        Thread.ofPlatform().name("pty-reader-" + id).daemon().start(this::drain);
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The program's process group (pty4j makes the program a session leader) and the program itself. */
    @Override
    public List<String> signalTargets() {
        return List.of("-" + pid(), String.valueOf(pid()));
    }

    @Override
    public SessionLog log() {
        return log;
    }

    @Override
    public boolean alive() {
        return !log.finished();
    }

    /**
     * Writes to the PTY. A keystroke (at most {@link #DIRECT_INPUT_BYTES}, nothing queued before it,
     * and at most {@link #DIRECT_INPUT_BUDGET} bytes of input since the program last printed
     * anything) is written from the caller's thread: the kernel's input queue (64 KiB) takes it
     * without blocking unless the program printed again and again without ever reading its input.
     * Anything else runs on the session's control thread, in order.
     */
    @Override
    public CompletionStage<Void> write(byte[] bytes) {
        int sincePrinted = unanswered.addAndGet(bytes.length);
        if (bytes.length <= DIRECT_INPUT_BYTES && sincePrinted <= DIRECT_INPUT_BUDGET && queued.get() == 0) {
            writeInput(bytes);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> taken = new CompletableFuture<>();
        queued.incrementAndGet();
        try {
            control.execute(() -> {
                try {
                    writeInput(bytes);
                } finally {
                    queued.decrementAndGet();
                    taken.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.debugf("session %s: input dropped, the session ended", id);
            taken.complete(null);
        }
        return taken;
    }

    private void writeInput(byte[] bytes) {
        try {
            OutputStream out = process.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("session %s: input dropped, the PTY is closed: %s", id, e.getMessage());
        }
    }

    @Override
    public void resize(int cols, int rows) {
        size.request(cols, rows);
    }

    private void setSize(int cols, int rows) {
        if (cols < 1 || rows < 1 || !process.isAlive()) {
            return;
        }
        try {
            process.setWinSize(new WinSize(cols, rows));
        } catch (RuntimeException e) {
            LOG.debugf("session %s: resize to %dx%d failed: %s", id, cols, rows, e.getMessage());
        }
    }

    private void drain() {
        byte[] buffer = new byte[READ_BUFFER];
        InputStream in = process.getInputStream();
        int exitCode = -1;
        try {
            readUntilEof(in, buffer);
            exitCode = process.waitFor();
            settle(in, buffer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.errorf("session %s: cannot write its log: %s", id, e.getMessage());
            process.destroyForcibly();
        } finally {
            log.finish(exitCode);
            control.shutdown();
            closeQuietly();
            onExit.accept(this);
        }
    }

    private void readUntilEof(InputStream in, byte[] buffer) throws IOException {
        while (true) {
            int n = read(in, buffer);
            if (n < 0) {
                return;
            }
            unanswered.set(0);
            log.append(buffer, 0, n);
        }
    }

    private void settle(InputStream in, byte[] buffer) throws IOException, InterruptedException {
        int empty = 0;
        while (empty < SETTLE_EMPTY_READS) {
            int n = read(in, buffer);
            if (n > 0) {
                log.append(buffer, 0, n);
                empty = 0;
            } else {
                empty++;
                Thread.sleep(SETTLE_PAUSE_MILLIS);
            }
        }
    }

    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            return -1;
        }
    }

    private void closeQuietly() {
        try {
            process.getOutputStream().close();
            process.getInputStream().close();
        } catch (IOException e) {
            LOG.debugf("session %s: closing the PTY: %s", id, e.getMessage());
        }
    }
}
