package dev.drover.hub.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) that queues what it receives, for daemon and viewer fakes. */
public final class WsClient implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    public volatile String closeReason;
    private volatile boolean silent;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;

    private WsClient() {
    }

    /** The WebSocket address of {@code path} on the HTTP server at {@code base}. */
    public static URI ws(URI base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + path);
    }

    /** Connects with an optional bearer token. */
    public static WsClient connect(URI uri, String bearer) {
        return connectWithHeaders(uri, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    /** Connects with the given upgrade request headers (a session cookie, an {@code Origin}). */
    public static WsClient connectWithHeaders(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    /** The HTTP status of a refused upgrade. */
    public static int refusedStatus(URI uri, String bearer) {
        return refusedStatusWithHeaders(uri, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    /** The HTTP status of a refused upgrade with the given request headers; 101 when it was accepted. */
    public static int refusedStatusWithHeaders(URI uri, Map<String, String> headers) {
        try {
            connectWithHeaders(uri, headers).socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public synchronized void sendText(String message) {
        socket.sendText(message, true).join();
    }

    public synchronized void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends one binary message as several frames. */
    public synchronized void sendBinaryFragments(byte[]... fragments) {
        for (int i = 0; i < fragments.length; i++) {
            socket.sendBinary(ByteBuffer.wrap(fragments[i]), i == fragments.length - 1).join();
        }
    }

    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(alreadyClosed -> null).join();
    }

    public String nextText() throws InterruptedException {
        String next = texts.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no text frame within 10 s");
        }
        return next;
    }

    public byte[] nextBinary() throws InterruptedException {
        byte[] next = binaries.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no binary frame within 10 s");
        }
        return next;
    }

    /** From now on never answers a close frame, as a peer whose network was cut cannot. */
    public void goSilent() {
        silent = true;
    }

    public int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            texts.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            binaries.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return silent ? new CompletableFuture<Void>() : null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }
}
