package dev.drover.system.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean terminal viewer for measurements: counts bytes instead of keeping them, acknowledges every
 * frame, and wakes a waiting thread as soon as the byte it waits for arrives.
 */
final class BenchViewer implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final long connectStarted = System.nanoTime();
    private volatile long next = -1;
    private volatile long firstScreenNanos = -1;
    private volatile long firstByteNanos = -1;
    private volatile Thread waiter;
    private volatile long waitingFor;
    private volatile String closeReason;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;
    /** The 8-byte offset header of the frame being received; the JDK may split a frame anywhere. */
    private final byte[] header = new byte[8];
    private int headerLength;
    private int partialLength;

    static BenchViewer attach(URI hub, String sessionId, String from, String token) {
        BenchViewer viewer = new BenchViewer();
        URI uri = URI.create("ws://" + hub.getAuthority() + "/api/v1/sessions/" + sessionId + "/terminal?from=" + from);
        HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, viewer)
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
        return viewer;
    }

    /** Runs before any frame is delivered, so acknowledgements always have a socket to go to. */
    @Override
    public synchronized void onOpen(WebSocket webSocket) {
        socket = webSocket;
        sending = CompletableFuture.completedFuture(webSocket);
        webSocket.request(1);
    }

    long next() {
        return next;
    }

    /** Nanoseconds from starting to connect until the screen repaint arrived, or -1. */
    long screenAfterNanos() {
        return firstScreenNanos < 0 ? -1 : firstScreenNanos - connectStarted;
    }

    long connectStarted() {
        return connectStarted;
    }

    long firstByteNanos() {
        return firstByteNanos;
    }

    void type(byte[] input) {
        try {
            send(ws -> ws.sendBinary(ByteBuffer.wrap(input), true)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("typing failed; the socket closed with " + closeReason, e);
        }
    }

    /** Why the socket closed ({@code code reason}), or null while it is open. */
    String closeReason() {
        return closeReason;
    }

    /** Blocks until the byte before {@code offset} arrived; false on timeout or when the socket closed first. */
    boolean awaitNext(long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waitingFor = offset;
        waiter = Thread.currentThread();
        try {
            while (next < offset) {
                if (closeReason != null) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    private synchronized CompletableFuture<WebSocket> send(
            java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> operation) {
        sending = sending.thenCompose(operation);
        return sending;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        while (headerLength < header.length && data.hasRemaining()) {
            header[headerLength++] = data.get();
        }
        partialLength += data.remaining();
        if (last) {
            int length = partialLength;
            if (firstByteNanos < 0) {
                firstByteNanos = System.nanoTime();
            }
            next = ByteBuffer.wrap(header).getLong() + length;
            headerLength = 0;
            partialLength = 0;
            Thread waiting = waiter;
            if (waiting != null && next >= waitingFor) {
                LockSupport.unpark(waiting);
            }
            send(ws -> ws.sendText("{\"type\":\"ack\",\"bytes\":" + length + "}", true));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (firstScreenNanos < 0 && data.toString().contains("\"type\":\"screen\"")) {
            firstScreenNanos = System.nanoTime();
            long offset = Long.parseLong(data.toString().replaceAll("(?s).*\"offset\":(\\d+).*", "$1"));
            next = offset;
            wakeWaiter();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = statusCode + " " + reason;
        wakeWaiter();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = "error: " + error;
        wakeWaiter();
    }

    private void wakeWaiter() {
        Thread waiting = waiter;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
