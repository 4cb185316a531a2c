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

/**
 * A terminal viewer over a real WebSocket, as a script would write one: keeps every byte it was
 * sent with its offset, checks that offsets are contiguous, and acknowledges what it received.
 */
final class TerminalClient implements WebSocket.Listener, AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final long from;
    private long next;
    private String contiguityError;
    private String lastControl;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;

    private TerminalClient(long from) {
        this.from = from;
        this.next = from;
    }

    static TerminalClient attach(URI hub, String sessionId, long from, String bearer) {
        TerminalClient client = new TerminalClient(from);
        URI uri = URI.create("ws://" + hub.getAuthority() + "/api/v1/sessions/" + sessionId + "/terminal?from=" + from);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
        client.sending = CompletableFuture.completedFuture(client.socket);
        return client;
    }

    synchronized String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized byte[] received() {
        return bytes.toByteArray();
    }

    /** The offset after the last byte received. */
    synchronized long next() {
        return next;
    }

    synchronized long from() {
        return from;
    }

    synchronized String contiguityError() {
        return contiguityError;
    }

    synchronized String lastControl() {
        return lastControl;
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    void type(String input) {
        send(ws -> ws.sendBinary(ByteBuffer.wrap(input.getBytes(StandardCharsets.UTF_8)), true)).join();
    }

    void sendText(String json) {
        send(ws -> ws.sendText(json, true)).join();
    }

    /** The JDK client allows one pending send at a time: chain them. */
    private synchronized CompletableFuture<WebSocket> send(
            java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> operation) {
        sending = sending.thenCompose(operation);
        return sending;
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
                if (offset != next && contiguityError == null) {
                    contiguityError = "expected a frame at offset " + next + " but got one at " + offset;
                }
                bytes.write(frame, TerminalFrames.HEADER, frame.length - TerminalFrames.HEADER);
                next = offset + frame.length - TerminalFrames.HEADER;
                String ack = "{\"type\":\"ack\",\"bytes\":" + (frame.length - TerminalFrames.HEADER) + "}";
                send(ws -> ws.sendText(ack, true));
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
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
