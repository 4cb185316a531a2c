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
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One output stream of the hub link (one viewer attachment): a {@link ReplayCursor} over the
 * session log, pumped by its own virtual thread into DATA frames, as much as the credit allows. It
 * waits on the log, never the other way round, and holds one 64 KiB buffer: a stalled stream costs
 * no other memory and delays nobody; one that falls behind the log's retention ends with
 * {@code OFFSET_OUT_OF_RANGE}.
 *
 * <p>Coalescing: while a stream has sent fewer than {@link #INTERACTIVE_FRAMES} frames and
 * {@link #INTERACTIVE_BYTES} bytes within the current {@code coalesce} window, bytes go out at once (keystroke echo, even typed back to back); once
 * output keeps coming faster, bytes gather until {@code coalesce} has passed since the last frame
 * or 64 KiB are ready. A frame never ends inside a UTF-8 sequence: up to 3 trailing bytes of an incomplete
 * sequence wait for their continuation, but never longer than {@code coalesce}, and not at all
 * once the session has ended.
 */
final class LogStream {

    private static final Logger LOG = Logger.getLogger(LogStream.class);
    static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Bytes per coalesce window that are sent without waiting: interactive echo, not bulk output. */
    static final int INTERACTIVE_BYTES = 512;
    /** Frames per coalesce window that are sent without waiting. */
    static final int INTERACTIVE_FRAMES = 4;

    /** Where the stream's frames go, in order. */
    interface Sink {
        /** Queues {@code frame} on the socket without waiting for the write; must not block. */
        void data(byte[] frame);

        /** Sends the end of the stream; may block until it is written. */
        void ended(DaemonMessage.StreamEnded ended);
    }

    private final long streamId;
    private final SessionLog log;
    private final ReplayCursor cursor;
    private final Sink sink;
    private final Consumer<LogStream> onDone;
    private final long coalesceNanos;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean closed;
    /** Set by the pump before it waits while the log holds bytes beyond its credit. */
    private volatile boolean awaitingCredit;
    private volatile boolean replyOnClose;

    LogStream(long streamId, SessionLog log, ReplayCursor cursor, Duration coalesce, Sink sink, Consumer<LogStream> onDone) {
        this.streamId = streamId;
        this.log = log;
        this.cursor = cursor;
        this.coalesceNanos = coalesce.toNanos();
        this.sink = sink;
        this.onDone = onDone;
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

    private void pump() {
        Runnable unsubscribe = log.onChange(this::wake);
        byte[] buffer = new byte[MAX_FRAME_BYTES];
        int pending = 0;
        long lastSent = System.nanoTime() - coalesceNanos;
        long heldSince = -1;
        long windowStart = lastSent;
        long sentInWindow = 0;
        int framesInWindow = 0;
        try {
            while (true) {
                if (closed) {
                    if (replyOnClose) {
                        sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position() - pending, StreamEndReason.CLOSED, null));
                    }
                    return;
                }
                int n = cursor.read(buffer, pending, MAX_FRAME_BYTES - pending);
                if (n < 0) {
                    sink.ended(new DaemonMessage.StreamEnded(streamId, log.end(), StreamEndReason.OFFSET_OUT_OF_RANGE, null));
                    return;
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
                    sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position(), StreamEndReason.SESSION_EXITED,
                            log.exitCode()));
                    return;
                }
                if (n > 0 && pending < MAX_FRAME_BYTES && cursor.position() < log.end()) {
                    continue;
                }
                awaitingCredit = pending < MAX_FRAME_BYTES && cursor.position() < log.end();
                if (awaitingCredit && cursor.credited()) {
                    awaitingCredit = false;
                    continue;
                }
                if (pending > 0) {
                    long due = Math.max(lastSent, heldSince) + coalesceNanos;
                    wakeups.tryAcquire(Math.max(due - now, 20_000), TimeUnit.NANOSECONDS);
                } else {
                    wakeups.acquire();
                }
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
}
