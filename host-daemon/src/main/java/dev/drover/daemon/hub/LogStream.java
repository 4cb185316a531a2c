package dev.drover.daemon.hub;

import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.SessionLog;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One output stream of the hub link (one viewer attachment): a {@link ReplayCursor} over the
 * session log turned into DATA frames, as much as the credit allows. It holds one 64 KiB buffer: a
 * stalled stream costs no other memory and delays nobody; one that falls behind the log's retention
 * ends with {@code OFFSET_OUT_OF_RANGE}.
 *
 * <p>Who sends: a stream that is caught up (it sent everything the log held and waits for more)
 * sends new bytes from the thread that appended them to the log (the PTY reader, the tmux log
 * follower), so a keystroke's echo crosses no thread. Everything else (replay, bulk output held
 * for coalescing, waiting for credit, the end of the stream) is done by the stream's own virtual
 * thread. Both take the stream's lock, so frames leave in log order.
 *
 * <p>Coalescing: while a stream has sent fewer than {@link #INTERACTIVE_FRAMES} frames and
 * {@link #INTERACTIVE_BYTES} bytes within the current {@code coalesce} window, bytes go out at
 * once (keystroke echo, even typed back to back); once output keeps coming faster, bytes gather
 * until {@code coalesce} has passed since the last frame or a frame's worth (64 KiB) is ready. A frame never ends
 * inside a UTF-8 sequence: up to 3 trailing bytes of an incomplete sequence wait for their
 * continuation, but never longer than {@code coalesce}, and not at all once the session has ended.
 */
final class LogStream {

    private static final Logger LOG = Logger.getLogger(LogStream.class);
    /** Output bytes per DATA frame: the whole frame fits one WebSocket frame (64 KiB), never split on the wire. */
    static final int MAX_FRAME_BYTES = 64 * 1024 - StreamFrames.DATA_HEADER;
    /** Bytes per coalesce window that are sent without waiting: interactive echo, not bulk output. */
    static final int INTERACTIVE_BYTES = 512;
    /** Frames per coalesce window that are sent without waiting. */
    static final int INTERACTIVE_FRAMES = 4;
    /** The shortest timed wait of the pump, so held bytes never cause a busy loop. */
    private static final long MIN_WAIT_NANOS = 20_000;

    /** Where the stream's frames go, in order. */
    interface Sink {
        /** Queues {@code frame} on the socket without waiting for the write; must not block. */
        void data(byte[] frame);

        /** Sends the end of the stream; may block until it is written. */
        void ended(DaemonMessage.StreamEnded ended);
    }

    /** What a step of the stream leaves it waiting for. */
    private enum Wait {
        /** New bytes in the log: everything was sent. */
        CHANGE,
        /** Credit: the log holds bytes beyond it. */
        CREDIT,
        /** {@link #due}: bytes are held for coalescing or for the rest of a UTF-8 sequence. */
        DUE,
        /** Nothing: the stream is over (closed, session exited, or its offset no longer retained). */
        END
    }

    private final long streamId;
    private final SessionLog log;
    private final ReplayCursor cursor;
    private final Sink sink;
    private final Consumer<LogStream> onDone;
    private final long coalesceNanos;
    private final Semaphore wakeups = new Semaphore(0);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    private volatile boolean replyOnClose;
    /** Set while the stream waits for credit with bytes in the log beyond it. */
    private volatile boolean awaitingCredit;
    /** Whether the last step sent everything: the log's writer may then send new bytes itself. */
    private volatile boolean caughtUp;
    /** Whether the pump sleeps until {@link #due} with bulk output held (new bytes need not wake it). */
    private volatile boolean gathering;
    /** The log offset the cursor has read to, minus the bytes held: where the next frame starts. */
    private volatile long heldFrom;

    // Guarded by lock.
    private final byte[] buffer = new byte[MAX_FRAME_BYTES];
    private int pending;
    private long lastSent;
    private long heldSince = -1;
    private long windowStart;
    private long sentInWindow;
    private int framesInWindow;
    private long due;
    private boolean outOfRange;

    LogStream(long streamId, SessionLog log, ReplayCursor cursor, Duration coalesce, Sink sink, Consumer<LogStream> onDone) {
        this.streamId = streamId;
        this.log = log;
        this.cursor = cursor;
        this.coalesceNanos = coalesce.toNanos();
        this.sink = sink;
        this.onDone = onDone;
        this.lastSent = System.nanoTime() - coalesceNanos;
        this.windowStart = lastSent;
        this.heldFrom = cursor.position();
    }

    long streamId() {
        return streamId;
    }

    void start() {
        Thread.ofVirtual().name("stream-" + streamId).start(this::pump);
    }

    void credit(long bytes) {
        cursor.credit(bytes);
        if (awaitingCredit) {
            wake();
        }
    }

    /** Stops the stream; with {@code reply} it answers {@code stream-ended CLOSED}. */
    void close(boolean reply) {
        replyOnClose = reply;
        closed = true;
        wake();
    }

    private void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /**
     * Runs on the log writer's thread after each append. A caught-up stream sends the new bytes
     * right here; a pump gathering bulk output is left asleep until its frame is due or full.
     */
    private void logChanged() {
        if (caughtUp && lock.tryLock()) {
            Wait wait;
            try {
                wait = step();
            } catch (IOException | RuntimeException e) {
                wait = Wait.END;
            } finally {
                lock.unlock();
            }
            if (wait == Wait.CHANGE) {
                return;
            }
        } else if (gathering && log.end() - heldFrom < MAX_FRAME_BYTES) {
            return;
        }
        wake();
    }

    private void pump() {
        Runnable unsubscribe = log.onChange(this::logChanged);
        try {
            while (true) {
                Wait wait;
                lock.lock();
                try {
                    wait = step();
                } finally {
                    lock.unlock();
                }
                if (wait == Wait.END) {
                    end();
                    return;
                }
                if (wait == Wait.DUE) {
                    wakeups.tryAcquire(Math.max(due - System.nanoTime(), MIN_WAIT_NANOS), TimeUnit.NANOSECONDS);
                } else {
                    wakeups.acquire();
                }
                gathering = false;
                awaitingCredit = false;
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("stream %d stopped: %s", streamId, ConnectFailure.describe(e));
        } finally {
            unsubscribe.run();
            onDone.accept(this);
        }
    }

    /** Sends what is due and says what the stream waits for next; the caller holds the lock. */
    private Wait step() throws IOException {
        caughtUp = false;
        while (true) {
            if (closed) {
                return Wait.END;
            }
            int n = cursor.read(buffer, pending, MAX_FRAME_BYTES - pending);
            if (n < 0) {
                outOfRange = true;
                return Wait.END;
            }
            pending += n;
            long now = System.nanoTime();
            if (now - windowStart >= coalesceNanos) {
                windowStart = now;
                sentInWindow = 0;
                framesInWindow = 0;
            }
            boolean ended = cursor.exhausted();
            boolean interactive = framesInWindow < INTERACTIVE_FRAMES && sentInWindow + pending <= INTERACTIVE_BYTES;
            if (pending > 0 && (pending == MAX_FRAME_BYTES || ended || interactive || now - lastSent >= coalesceNanos)) {
                int cut = ended ? pending : Utf8Boundary.completePrefix(buffer, pending);
                if (cut == 0) {
                    heldSince = heldSince < 0 ? now : heldSince;
                    cut = now - heldSince >= coalesceNanos ? pending : 0;
                }
                if (cut > 0) {
                    sink.data(StreamFrames.data(streamId, cursor.position() - pending, buffer, 0, cut));
                    System.arraycopy(buffer, cut, buffer, 0, pending - cut);
                    pending -= cut;
                    sentInWindow += cut;
                    framesInWindow++;
                    lastSent = now;
                    heldSince = pending > 0 ? now : -1;
                    continue;
                }
            }
            if (ended && pending == 0) {
                return Wait.END;
            }
            if (n > 0 && pending < MAX_FRAME_BYTES && cursor.position() < log.end()) {
                continue;
            }
            boolean beyondCredit = pending < MAX_FRAME_BYTES && cursor.position() < log.end();
            if (beyondCredit) {
                awaitingCredit = true;
                if (cursor.credited()) {
                    awaitingCredit = false;
                    continue;
                }
            }
            heldFrom = cursor.position() - pending;
            if (pending > 0) {
                due = Math.max(lastSent, heldSince) + coalesceNanos;
                gathering = !interactive && heldSince < 0;
                return Wait.DUE;
            }
            caughtUp = !beyondCredit;
            return beyondCredit ? Wait.CREDIT : Wait.CHANGE;
        }
    }

    private void end() {
        if (outOfRange) {
            sink.ended(new DaemonMessage.StreamEnded(streamId, log.end(), StreamEndReason.OFFSET_OUT_OF_RANGE, null));
        } else if (closed) {
            if (replyOnClose) {
                sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position() - pending, StreamEndReason.CLOSED, null));
            }
        } else {
            sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position(), StreamEndReason.SESSION_EXITED,
                    log.exitCode()));
        }
    }
}
