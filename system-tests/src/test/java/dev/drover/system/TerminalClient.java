package dev.drover.system;

import dev.drover.protocol.terminal.TerminalFrames;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A terminal viewer over a real WebSocket, as a script would write one: keeps every byte it was
 * sent with its offset, checks that offsets are contiguous, acknowledges what it received (unless
 * told to stall), and can reattach from the offset after its last byte.
 */
final class TerminalClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpClient http;
    private final URI hub;
    private final String sessionId;
    private final String bearer;
    private final long from;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private volatile CompletableFuture<Integer> closed = new CompletableFuture<>();
    private long next;
    private long unacknowledged;
    private boolean acknowledging = true;
    private int attachments;
    private String contiguityError;
    private String lastControl;
    private String closeReason;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;

    private TerminalClient(HttpClient http, URI hub, String sessionId, long from, String bearer) {
        this.http = http;
        this.hub = hub;
        this.sessionId = sessionId;
        this.bearer = bearer;
        this.from = from;
        this.next = from;
    }

    static TerminalClient attach(URI hub, String sessionId, long from, String bearer) {
        return attach(HTTP, hub, sessionId, from, bearer);
    }

    /** Attaches through {@code http} (e.g. one that trusts an {@code https} hub's CA); {@code wss} for an {@code https} hub. */
    static TerminalClient attach(HttpClient http, URI hub, String sessionId, long from, String bearer) {
        TerminalClient client = new TerminalClient(http, hub, sessionId, from, bearer);
        client.connect();
        return client;
    }

    /** Attaches again from the offset after the last byte received, as a browser does after a drop. */
    void reattach() {
        closed = new CompletableFuture<>();
        connect();
    }

    private void connect() {
        long start;
        synchronized (this) {
            start = next;
            attachments++;
            partial.reset();
        }
        String scheme = "https".equals(hub.getScheme()) ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + hub.getAuthority() + "/api/v1/sessions/" + sessionId + "/terminal?from=" + start);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.buildAsync(uri, this).orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** Runs before any frame is delivered, so acknowledgements always have a socket to go to. */
    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
            sending = CompletableFuture.completedFuture(webSocket);
        }
        webSocket.request(1);
    }

    synchronized String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The first match of {@code pattern} in the output, once there is one (within {@code timeout}). */
    Matcher awaitOutput(Pattern pattern, Duration timeout) {
        await().atMost(timeout).until(() -> pattern.matcher(output()).find());
        Matcher match = pattern.matcher(output());
        if (!match.find()) {
            throw new AssertionError("no " + pattern + " in the output");
        }
        return match;
    }

    synchronized byte[] received() {
        return bytes.toByteArray();
    }

    /** Whether {@code marker} occurs in the last {@code window} bytes received. */
    synchronized boolean tailContains(String marker, int window) {
        byte[] all = bytes.toByteArray();
        int start = Math.max(0, all.length - window);
        return new String(all, start, all.length - start, StandardCharsets.ISO_8859_1).contains(marker);
    }

    /** The offset after the last byte received. */
    synchronized long next() {
        return next;
    }

    synchronized long from() {
        return from;
    }

    synchronized int attachments() {
        return attachments;
    }

    synchronized String contiguityError() {
        return contiguityError;
    }

    /** The close code and reason of the last socket, for failure messages. */
    synchronized String closeReason() {
        return closeReason;
    }

    synchronized String lastControl() {
        return lastControl;
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Stops acknowledging (a stalled viewer) or resumes, acknowledging everything received meanwhile. */
    synchronized void acknowledge(boolean on) {
        acknowledging = on;
        if (on && unacknowledged > 0) {
            sendAck(unacknowledged);
            unacknowledged = 0;
        }
    }

    void type(String input) {
        typeBytes(input.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code input} as one binary message and waits until the socket took it. */
    void typeBytes(byte[] input) {
        try {
            send(ws -> ws.sendBinary(ByteBuffer.wrap(input), true)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("typing failed; the socket closed with " + closeReason(), e);
        }
    }

    void sendText(String json) {
        send(ws -> ws.sendText(json, true)).join();
    }

    /** The JDK client allows one pending send at a time: chain them. */
    private synchronized CompletableFuture<WebSocket> send(Function<WebSocket, CompletableFuture<WebSocket>> operation) {
        sending = sending.thenCompose(operation);
        return sending;
    }

    private void sendAck(long count) {
        String ack = "{\"type\":\"ack\",\"bytes\":" + count + "}";
        send(ws -> ws.sendText(ack, true));
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        synchronized (this) {
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                long offset = TerminalFrames.offset(frame);
                int length = frame.length - TerminalFrames.HEADER;
                if (offset != next && contiguityError == null) {
                    contiguityError = "expected a frame at offset " + next + " but got one at " + offset;
                }
                bytes.write(frame, TerminalFrames.HEADER, length);
                next = offset + length;
                if (acknowledging) {
                    sendAck(length);
                } else {
                    unacknowledged += length;
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            text.append(data);
            if (last) {
                lastControl = text.toString();
                text.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeReason = statusCode + " " + reason;
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            closeReason = "error: " + error;
        }
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        if (!current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
