package dev.drover.daemon.hub;

import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.SessionLog;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One output stream of the hub link (one viewer attachment): a {@link ReplayCursor} over the
 * session log, pumped by its own virtual thread into DATA frames of up to 64 KiB, as much as has
 * accumulated and the credit allows. It waits on the log, never the other way round, and holds
 * one read buffer: a stalled stream costs no memory and delays nobody.
 */
final class LogStream {

    private static final Logger LOG = Logger.getLogger(LogStream.class);
    static final int MAX_FRAME_BYTES = 64 * 1024;

    /** Where the stream's frames go; calls block until the frame is handed to the socket. */
    interface Sink {
        void data(byte[] frame);

        void ended(DaemonMessage.StreamEnded ended);
    }

    private final long streamId;
    private final SessionLog log;
    private final ReplayCursor cursor;
    private final Sink sink;
    private final Consumer<LogStream> onDone;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean closed;
    private volatile boolean replyOnClose;

    LogStream(long streamId, SessionLog log, ReplayCursor cursor, Sink sink, Consumer<LogStream> onDone) {
        this.streamId = streamId;
        this.log = log;
        this.cursor = cursor;
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
        wake();
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
        try {
            while (true) {
                if (closed) {
                    if (replyOnClose) {
                        sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position(), StreamEndReason.CLOSED, null));
                    }
                    return;
                }
                long offset = cursor.position();
                int n = cursor.read(buffer);
                if (n > 0) {
                    sink.data(StreamFrames.data(streamId, offset, buffer, 0, n));
                } else if (cursor.exhausted()) {
                    sink.ended(new DaemonMessage.StreamEnded(streamId, cursor.position(), StreamEndReason.SESSION_EXITED,
                            log.exitCode()));
                    return;
                } else {
                    wakeups.acquire();
                    wakeups.drainPermits();
                }
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
