package dev.drover.hub.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.MalformedFrameException;
import dev.drover.protocol.daemon.StreamFrames;
import dev.drover.protocol.terminal.TerminalFrames;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One connected daemon: sends it commands, matches its replies to waiting requests, and routes the
 * DATA frames of each output stream to the stream's listener. Thread-safe; never blocks.
 */
public final class DaemonLink {

    private static final Logger LOG = Logger.getLogger(DaemonLink.class);
    /** Where a viewer's output frame starts inside a DATA frame: after the kind and the stream id. */
    private static final int OUTPUT_FRAME_START = StreamFrames.DATA_HEADER - TerminalFrames.HEADER;

    private final UUID hostId;
    private final String hostName;
    private final WebSocketConnection connection;
    private final ObjectMapper mapper;
    private final Map<String, CompletableFuture<DaemonMessage>> pending = new ConcurrentHashMap<>();
    private final Map<Long, StreamListener> streams = new ConcurrentHashMap<>();
    private final AtomicLong nextStreamId = new AtomicLong(1);
    private volatile long lastHeardNanos = System.nanoTime();
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final Object writeLock = new Object();
    private final long inputWindow;
    /** Per session: input bytes sent and not yet taken by the session's keeper, and who waits for room. */
    private final Map<UUID, InputInFlight> inputs = new ConcurrentHashMap<>();

    /** Messages that {@link #inOrder} may hold before the socket's reads wait for them too. */
    static final int MESSAGES_IN_ORDER = 64;
    private final Object orderLock = new Object();
    /** Completes once the last message given to {@link #inOrder} has been applied. */
    private CompletableFuture<Void> lastInOrder = CompletableFuture.completedFuture(null);
    private int waitingInOrder;

    private static final class InputInFlight {
        long bytes;
        final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    }

    public DaemonLink(UUID hostId, String hostName, WebSocketConnection connection, ObjectMapper mapper,
            long inputWindow) {
        this.inputWindow = inputWindow;
        this.hostId = hostId;
        this.hostName = hostName;
        this.connection = connection;
        this.mapper = mapper;
    }

    public UUID hostId() {
        return hostId;
    }

    public String hostName() {
        return hostName;
    }

    /** Notes that the daemon just sent something. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** How long ago the daemon last sent anything (or connected). */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    /** Marks the link as timed out; answers true only the first time. */
    public boolean markTimedOut() {
        return timedOut.compareAndSet(false, true);
    }

    /** Sends {@code message} when the returned Uni is subscribed to. */
    public Uni<Void> send(DaemonMessage message) {
        String json;
        try {
            json = mapper.writerFor(DaemonMessage.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return write(() -> connection.sendText(json));
    }

    /**
     * Writes one message on subscription. The socket splits a large message (a paste, a long text)
     * into frames and queues each separately when the caller is not its event loop, and viewers
     * call from their own event loops: messages are started one at a time, so their frames never
     * interleave on the wire.
     */
    private Uni<Void> write(Supplier<Uni<Void>> message) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> written;
            synchronized (writeLock) {
                written = message.get().subscribeAsCompletionStage();
            }
            return Uni.createFrom().completionStage(written);
        });
    }

    /** Sends {@code message} without waiting; a failed write is logged (the socket is closing then). */
    public void post(DaemonMessage message) {
        send(message).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf("could not send %s to host %s: %s", message.getClass().getSimpleName(), hostId,
                        failure.getMessage()));
    }

    /**
     * Sends input for a session without waiting, as INPUT frames of at most
     * {@link StreamFrames#MAX_INPUT_BYTES}; a failed write is logged. The answer completes once the
     * session's input in flight (sent, not yet taken by its keeper: {@link #inputWritten}) is within
     * the input window again, at once for a keystroke; the caller sends no more input until then.
     */
    public CompletableFuture<Void> sendInput(UUID sessionId, byte[] bytes) {
        for (int from = 0; from < bytes.length; from += StreamFrames.MAX_INPUT_BYTES) {
            byte[] frame = StreamFrames.input(sessionId, bytes, from, Math.min(StreamFrames.MAX_INPUT_BYTES, bytes.length - from));
            write(() -> connection.sendBinary(Buffer.buffer(frame))).subscribe().with(
                    ignored -> {
                    },
                    failure -> LOG.debugf("could not send input to host %s: %s", hostId, failure.getMessage()));
        }
        InputInFlight inFlight = inputs.computeIfAbsent(sessionId, id -> new InputInFlight());
        synchronized (inFlight) {
            inFlight.bytes += bytes.length;
            if (inFlight.bytes <= inputWindow || !connection.isOpen()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> room = new CompletableFuture<>();
            inFlight.waiting.add(room);
            return room;
        }
    }

    /** The daemon says the session's keeper took {@code bytes} more of its input: senders waiting for room may go on. */
    public void inputWritten(UUID sessionId, long bytes) {
        InputInFlight inFlight = inputs.get(sessionId);
        if (inFlight == null) {
            return;
        }
        List<CompletableFuture<Void>> released;
        synchronized (inFlight) {
            inFlight.bytes = Math.max(0, inFlight.bytes - bytes);
            if (inFlight.bytes > inputWindow) {
                return;
            }
            released = List.copyOf(inFlight.waiting);
            inFlight.waiting.clear();
        }
        released.forEach(room -> room.complete(null));
    }

    /**
     * Applies one of the daemon's messages (what {@code apply} returns) after the ones given before
     * it, on the caller's Vert.x context, one at a time: what they write to the database keeps the
     * daemon's order. The answer completes at once, so the socket goes on reading and the daemon's
     * output and input acknowledgements never wait for a commit; only while more than
     * {@link #MESSAGES_IN_ORDER} wait does it complete once this one is applied, which holds the
     * socket's further messages back (the socket handles them one at a time). A failure of
     * {@code apply} is only logged here ({@code apply} answers it, e.g. by closing the socket): the
     * answer never fails.
     */
    public Uni<Void> inOrder(Supplier<Uni<Void>> apply) {
        Context caller = Vertx.currentContext();
        CompletableFuture<Void> applied = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        boolean holdReads;
        synchronized (orderLock) {
            previous = lastInOrder;
            lastInOrder = applied;
            holdReads = ++waitingInOrder > MESSAGES_IN_ORDER;
        }
        previous.thenRun(() -> caller.runOnContext(ignored -> Uni.createFrom().deferred(apply::get)
                .onTermination().invoke(() -> {
                    synchronized (orderLock) {
                        waitingInOrder--;
                    }
                    applied.complete(null);
                })
                .subscribe().with(done -> {
                }, failure -> LOG.debugf("message of host %s not applied: %s", hostId, failure.getMessage()))));
        return holdReads ? Uni.createFrom().completionStage(applied) : Uni.createFrom().voidItem();
    }

    /**
     * Sends {@code request} and answers the daemon's reply with the same {@code requestId}, on the
     * caller's Vert.x context; fails with {@link HostOfflineException} when the daemon goes away
     * first and with {@link io.smallrye.mutiny.TimeoutException} after {@code timeout}.
     */
    public Uni<DaemonMessage> request(DaemonMessage.Request request, Duration timeout) {
        Context caller = Vertx.currentContext();
        CompletableFuture<DaemonMessage> answer = new CompletableFuture<>();
        pending.put(request.requestId(), answer);
        return send(request)
                .onFailure().transform(unsent -> new HostOfflineException(hostName))
                .chain(() -> Uni.createFrom().completionStage(answer))
                .ifNoItem().after(timeout).fail()
                .onTermination().invoke(() -> pending.remove(request.requestId()))
                .emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** Sends {@code spawn} and answers the daemon's {@code spawned} or {@code spawn-failed}; see {@link #request}. */
    public Uni<DaemonMessage> spawn(DaemonMessage.Spawn spawn, Duration timeout) {
        return request(spawn, timeout);
    }

    /** Completes the request waiting for {@code requestId}, if any still waits (none for a null id). */
    public void answer(String requestId, DaemonMessage message) {
        CompletableFuture<DaemonMessage> waiting = requestId == null ? null : pending.remove(requestId);
        if (waiting != null) {
            waiting.complete(message);
        }
    }

    /** Registers {@code listener} and returns the id of the stream to open. */
    public long register(StreamListener listener) {
        long streamId = nextStreamId.getAndIncrement();
        streams.put(streamId, listener);
        return streamId;
    }

    /** Forgets the stream and asks the daemon to stop sending on it. */
    public void closeStream(long streamId) {
        if (streams.remove(streamId) != null) {
            post(new DaemonMessage.CloseStream(streamId));
        }
    }

    /**
     * Routes a DATA frame to its stream's listener. A DATA frame without its kind and stream id is
     * a viewer's output frame (offset, then bytes), so the listener gets that part of it, not a copy.
     *
     * @throws MalformedFrameException when {@code frame} is not a DATA frame
     */
    public void data(Buffer frame) {
        if (frame.length() < StreamFrames.DATA_HEADER || frame.getByte(0) != StreamFrames.DATA) {
            throw new MalformedFrameException("expected a DATA frame of at least " + StreamFrames.DATA_HEADER
                    + " bytes, got " + frame.length() + " bytes");
        }
        long streamId = frame.getLong(1);
        StreamListener listener = streams.get(streamId);
        if (listener == null) {
            LOG.debugf("DATA for closed stream %d of host %s dropped", streamId, hostId);
            return;
        }
        listener.data(frame.slice(OUTPUT_FRAME_START, frame.length()));
    }

    public void screen(DaemonMessage.Screen screen) {
        StreamListener listener = streams.get(screen.streamId());
        if (listener != null) {
            listener.screen(screen);
        }
    }

    public void streamEnded(DaemonMessage.StreamEnded ended) {
        StreamListener listener = streams.remove(ended.streamId());
        if (listener != null) {
            listener.ended(ended);
        }
    }

    /** Closes the daemon's socket with {@code code} without waiting. */
    public void disconnect(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf("closing the socket of host %s failed: %s", hostId, failure.getMessage()));
    }

    /** The socket closed: fails waiting requests and tells every stream's listener. */
    public void disconnected() {
        HostOfflineException offline = new HostOfflineException(hostName);
        List.copyOf(pending.values()).forEach(waiting -> waiting.completeExceptionally(offline));
        pending.clear();
        List<StreamListener> listeners = List.copyOf(streams.values());
        streams.clear();
        listeners.forEach(StreamListener::hostGone);
        inputs.keySet().forEach(sessionId -> inputWritten(sessionId, Long.MAX_VALUE));
    }
}
