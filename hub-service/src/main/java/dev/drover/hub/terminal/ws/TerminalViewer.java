package dev.drover.hub.terminal.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.StreamListener;
import dev.drover.hub.web.CloseReasons;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.terminal.TerminalCloseCodes;
import dev.drover.protocol.terminal.TerminalControl;
import dev.drover.protocol.terminal.TerminalFrames;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One browser (or CLI) watching one session: the output stream it owns on the daemon link and
 * the socket it writes to. Writes never block; the credit window bounds what is in flight.
 */
final class TerminalViewer implements StreamListener {

    /** Close code when the session's daemon does not know the session. */
    static final int UNKNOWN_SESSION = 4404;
    private static final Logger LOG = Logger.getLogger(TerminalViewer.class);

    private final WebSocketConnection connection;
    private final UUID sessionId;
    private final DaemonLink link;
    private final boolean readOnly;
    private final ObjectMapper mapper;
    private final SocketReads reads;
    private volatile long streamId;
    private long window;
    /** Output bytes sent to the viewer. */
    private long relayed;
    /** Bytes the viewer acknowledged. */
    private long acknowledged;
    /** Acknowledged bytes passed on to the daemon as credit. */
    private long forwarded;

    TerminalViewer(WebSocketConnection connection, UUID sessionId, DaemonLink link, boolean readOnly,
            ObjectMapper mapper) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.link = link;
        this.readOnly = readOnly;
        this.mapper = mapper;
        this.reads = SocketReads.of(connection);
    }

    /**
     * Sends {@code attached}, then asks the daemon for the stream from {@code from} (with
     * {@code from=screen}, {@code attached} carries offset -1 and a {@code screen} message follows).
     */
    Uni<Void> attach(StartPoint from, long window) {
        synchronized (this) {
            this.window = window;
        }
        streamId = link.register(this);
        return send(new TerminalControl.Attached(sessionId, from.offset(), window, readOnly))
                .chain(() -> link.send(new DaemonMessage.OpenStream(streamId, sessionId, from.offset(), window,
                        from.screen())));
    }

    DaemonLink link() {
        return link;
    }

    UUID sessionId() {
        return sessionId;
    }

    boolean readOnly() {
        return readOnly;
    }

    /**
     * Sends the viewer's input to the session. When the session's input in flight is over the
     * window, the socket is not read until the daemon reports that the keeper took enough of it: the
     * viewer's writes then wait in TCP. The answer completes at once all the same: while it is
     * pending, websockets-next queues every further message the socket delivers, in memory and
     * without bound, so a pause that comes only when a queued message is handled holds nothing back
     * (a flood's 20 MB were read as fast as the viewer sent them, ADR 0008). Only where the socket
     * cannot be paused does the answer wait for room, which holds the messages back in that queue.
     */
    Uni<Void> input(byte[] bytes) {
        CompletableFuture<Void> room = link.sendInput(sessionId, bytes);
        if (room.isDone()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        if (!reads.pause()) {
            return Uni.createFrom().completionStage(room)
                    .emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        room.thenRun(() -> context.runOnContext(ignored -> reads.resume()));
        return Uni.createFrom().voidItem();
    }

    /** Refuses a control message without closing the socket. */
    Uni<Void> refuse(String refused, String reason) {
        return send(new TerminalControl.Error(refused, reason));
    }

    /** The viewer went away: stop the daemon's stream. */
    void detach() {
        link.closeStream(streamId);
    }

    /**
     * The viewer rendered {@code bytes} more. Acknowledgements are passed on to the daemon as credit
     * in batches, once a quarter of the window is acknowledged or the daemon has used half of its
     * window, so a typist's one-byte echoes cost the daemon link no credit message each.
     */
    Uni<Void> acknowledged(long bytes) {
        long credit;
        synchronized (this) {
            acknowledged += bytes;
            if (acknowledged - forwarded < window / 4 && relayed - forwarded < window / 2) {
                return Uni.createFrom().voidItem();
            }
            credit = acknowledged - forwarded;
            forwarded = acknowledged;
        }
        return link.send(new DaemonMessage.Credit(streamId, credit));
    }

    @Override
    public void data(Buffer output) {
        synchronized (this) {
            relayed += output.length() - TerminalFrames.HEADER;
        }
        connection.sendBinary(output).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf("viewer %s of session %s missed output: %s", connection.id(), sessionId,
                        failure.getMessage()));
    }

    @Override
    public void screen(DaemonMessage.Screen screen) {
        send(new TerminalControl.Screen(screen.offset(), screen.cols(), screen.rows(), screen.data(),
                screen.screenAt(), screen.logStart()))
                .subscribe().with(ignored -> {
                }, failure -> LOG.debugf("viewer %s of session %s missed its screen: %s", connection.id(), sessionId,
                        failure.getMessage()));
    }

    /** Another viewer gave the session's terminal this size. */
    void resized(int cols, int rows) {
        send(new TerminalControl.Resized(cols, rows)).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("viewer %s of session %s missed a resize: %s", connection.id(), sessionId,
                failure.getMessage()));
    }

    @Override
    public void ended(DaemonMessage.StreamEnded ended) {
        if (ended.reason() == StreamEndReason.SESSION_EXITED) {
            send(new TerminalControl.Exit(ended.exitCode(), ended.end()))
                    .chain(() -> connection.close(CloseReasons.of(TerminalCloseCodes.SESSION_ENDED, "session ended")))
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.debugf("closing viewer %s failed: %s", connection.id(), failure.getMessage()));
        } else if (ended.reason() == StreamEndReason.OFFSET_OUT_OF_RANGE) {
            close(TerminalCloseCodes.OFFSET_OUT_OF_RANGE, "offset no longer retained, reattach with from=screen");
        } else if (ended.reason() == StreamEndReason.UNKNOWN_SESSION) {
            close(UNKNOWN_SESSION, "the host does not hold this session");
        }
    }

    @Override
    public void hostGone() {
        close(TerminalCloseCodes.HOST_UNAVAILABLE, "host offline");
    }

    void close(int code, String reason) {
        connection.close(CloseReasons.of(code, reason)).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf("closing viewer %s failed: %s", connection.id(), failure.getMessage()));
    }

    private Uni<Void> send(TerminalControl control) {
        try {
            return connection.sendText(mapper.writerFor(TerminalControl.class).writeValueAsString(control));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
