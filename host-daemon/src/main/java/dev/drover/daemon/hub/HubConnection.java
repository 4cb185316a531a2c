package dev.drover.daemon.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.MalformedFrameException;
import dev.drover.protocol.daemon.StreamFrames;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One connection to the hub: decodes what the hub sends (the {@code welcome} goes to the
 * {@link HubLink}, every request to {@link HubRequests}), writes messages and frames one at a time,
 * and sends heartbeats once welcomed. The log streams open on it, its heartbeats and the input it
 * has not acknowledged yet all end with it.
 */
final class HubConnection {

    private static final Logger LOG = Logger.getLogger(HubConnection.class);

    private final HubLink link;
    private final HubRequests requests;
    private final ObjectMapper json;
    private final ObjectWriter messageWriter;
    private final Vertx vertx;
    private final ExecutorService work;
    private final InputAcks inputAcks;
    private final Map<Long, LogStream> streams = new ConcurrentHashMap<>();
    private volatile WebSocketClientConnection socket;
    private volatile boolean welcomed;
    private final Object writeLock = new Object();
    private boolean ready;
    private final Object heartbeatLock = new Object();
    private long heartbeatTimer = -1;
    private boolean heartbeatsStopped;

    HubConnection(HubLink link, HubRequests requests, ObjectMapper json, Vertx vertx, ExecutorService work) {
        this.link = link;
        this.requests = requests;
        this.json = json;
        this.messageWriter = json.writerFor(DaemonMessage.class);
        this.vertx = vertx;
        this.work = work;
        this.inputAcks = new InputAcks(vertx, work, this::sendWhenReady);
    }

    void opened(WebSocketClientConnection openedSocket) {
        this.socket = openedSocket;
        link.opened(this);
    }

    /** Whether the hub accepted this connection ({@code welcome} received). */
    boolean welcomed() {
        return welcomed;
    }

    /** Says {@code hello}; messages sent with {@link #sendWhenReady} go only after it. */
    synchronized void sayHello(DaemonMessage.Hello hello) {
        try {
            write(() -> socket.sendText(encode(hello))).join();
            ready = true;
        } catch (RuntimeException e) {
            LOG.debugf("hello not sent: %s", ConnectFailure.describe(e));
        }
    }

    /** Sends after {@code hello}, so the hub never hears of a session before the daemon's list. */
    synchronized void sendWhenReady(DaemonMessage message) {
        if (ready && socket.isOpen()) {
            send(message);
        }
    }

    /** Sends {@code message} and waits until it is written; a message the socket refuses is dropped. */
    void send(DaemonMessage message) {
        try {
            write(() -> socket.sendText(encode(message))).join();
        } catch (RuntimeException e) {
            LOG.debugf("%s not sent: %s", message.getClass().getSimpleName(), ConnectFailure.describe(e));
        }
    }

    /** Starts writing a binary frame; the answer completes once it is written. */
    CompletableFuture<Void> sendBinary(byte[] frame) {
        return write(() -> socket.sendBinary(frame));
    }

    /**
     * Starts writing one message. The socket splits a large message into frames and queues each
     * separately when the caller is not its event loop, so messages from different threads are
     * started one at a time: their frames never interleave on the wire.
     */
    private CompletableFuture<Void> write(Supplier<Uni<Void>> message) {
        synchronized (writeLock) {
            return message.get().subscribeAsCompletionStage();
        }
    }

    private String encode(DaemonMessage message) {
        try {
            return messageWriter.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    void onText(String text) {
        DaemonMessage message;
        try {
            message = json.readValue(text, DaemonMessage.class);
        } catch (JsonProcessingException e) {
            malformed("not a message from the hub", e.getOriginalMessage());
            return;
        }
        if (message == null) {
            malformed("not a message from the hub", "null");
            return;
        }
        if (message instanceof DaemonMessage.Welcome welcome) {
            welcomed = true;
            link.welcomed(this, welcome);
        } else {
            requests.handle(message, this);
        }
    }

    void onBinary(byte[] frame) {
        if (StreamFrames.kind(frame) != StreamFrames.INPUT) {
            malformed("unexpected binary frame", "kind " + StreamFrames.kind(frame));
            return;
        }
        try {
            requests.input(StreamFrames.readInput(frame), this);
        } catch (MalformedFrameException e) {
            malformed("malformed frame", e.getMessage());
        }
    }

    /** Closes with 1007 and {@code reason}, a fixed text; the decoder's {@code detail} goes to the log only. */
    private void malformed(String reason, String detail) {
        LOG.warnf("closing the hub socket: %s: %s", reason, detail);
        close(new CloseReason(1007, reason));
    }

    void close(CloseReason reason) {
        socket.close(reason).subscribe().with(ok -> {
        }, failure -> LOG.debugf("closing the hub socket: %s", failure.getMessage()));
    }

    /** Counts input to a session as taken by its keeper, to be acknowledged to the hub. */
    void inputTaken(UUID sessionId, long bytes) {
        inputAcks.taken(sessionId, bytes);
    }

    /** Keeps {@code stream} open until it ends, this connection closes, or the hub reuses its id. */
    void streamOpened(LogStream stream) {
        LogStream previous = streams.put(stream.streamId(), stream);
        if (previous != null) {
            previous.close(false);
        }
    }

    /** Lets go of a stream that ended. */
    void streamEnded(LogStream stream) {
        streams.remove(stream.streamId(), stream);
    }

    /** The stream open on this connection under {@code streamId}, if any. */
    LogStream stream(long streamId) {
        return streams.get(streamId);
    }

    /** Runs {@code heartbeat} now and then {@code every} until the connection closes. */
    void startHeartbeats(Duration every, Runnable heartbeat) {
        synchronized (heartbeatLock) {
            if (heartbeatsStopped || heartbeatTimer >= 0) {
                return;
            }
            heartbeatTimer = vertx.setPeriodic(every.toMillis(), id -> work.execute(heartbeat));
        }
        work.execute(heartbeat);
    }

    /** Ends what lives on the connection once it closed: heartbeats and streams. */
    void closed() {
        synchronized (heartbeatLock) {
            heartbeatsStopped = true;
            if (heartbeatTimer >= 0) {
                vertx.cancelTimer(heartbeatTimer);
            }
        }
        streams.values().forEach(stream -> stream.close(false));
        streams.clear();
    }
}
