package dev.drover.system.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keystroke echo measured the way a browser experiences it, with as little client overhead as
 * possible: one Vert.x event loop sends a byte, and when its echo arrives records the time,
 * acknowledges and sends the next, so no thread hand-off on the client side is measured.
 */
final class EchoProbe {

    private EchoProbe() {
    }

    /** Round-trip times in nanoseconds of {@code count} single-byte echoes after {@code warmup}. */
    static long[] measure(URI hub, String sessionId, String token, int warmup, int count) throws Exception {
        return onViewerSocket(hub, sessionId, token, (socket, done) -> run(socket, warmup, count, done));
    }

    /**
     * Round-trip times in nanoseconds of WebSocket pings to the hub on a viewer's socket, answered
     * by the hub's WebSocket layer itself: the floor of one network hop between two processes here.
     */
    static long[] pings(URI hub, String sessionId, String token, int warmup, int count) throws Exception {
        return onViewerSocket(hub, sessionId, token, (socket, done) -> {
            long[] samples = new long[count];
            long[] state = { -warmup - 1, 0 };
            Buffer payload = Buffer.buffer(new byte[] { 'p' });
            socket.binaryMessageHandler(frame -> socket.writeTextMessage("{\"type\":\"ack\",\"bytes\":" + (frame.length() - 8) + "}"));
            socket.pongHandler(pong -> {
                long now = System.nanoTime();
                long index = state[0];
                if (index >= 0) {
                    samples[(int) index] = now - state[1];
                }
                if (index + 1 >= count) {
                    done.complete(samples);
                    return;
                }
                state[0] = index + 1;
                state[1] = System.nanoTime();
                socket.writePing(payload);
            });
            state[1] = System.nanoTime();
            socket.writePing(payload);
        });
    }

    private static long[] onViewerSocket(URI hub, String sessionId, String token,
            BiConsumer<WebSocket, CompletableFuture<long[]>> measurement) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<long[]> done = new CompletableFuture<>();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(hub.getHost())
                    .setPort(hub.getPort())
                    .setURI("/api/v1/sessions/" + sessionId + "/terminal?from=0")
                    .addHeader("Authorization", "Bearer " + token);
            vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true)).webSocket(options)
                    .onFailure(done::completeExceptionally)
                    .onSuccess(socket -> {
                        socket.exceptionHandler(done::completeExceptionally);
                        socket.closeHandler(ignored -> done.completeExceptionally(new IllegalStateException(
                                "socket closed: " + socket.closeStatusCode() + " " + socket.closeReason())));
                        measurement.accept(socket, done);
                    });
            return done.get(120, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void run(WebSocket socket, int warmup, int count, CompletableFuture<long[]> done) {
        long[] samples = new long[count];
        Buffer key = Buffer.buffer(new byte[] { 'x' });
        long[] state = { -warmup - 1, 0 };
        socket.binaryMessageHandler(frame -> {
            long now = System.nanoTime();
            int length = frame.length() - 8;
            socket.writeTextMessage("{\"type\":\"ack\",\"bytes\":" + length + "}");
            long index = state[0];
            if (index >= 0) {
                samples[(int) index] = now - state[1];
            }
            if (index + 1 >= count) {
                done.complete(samples);
                return;
            }
            state[0] = index + 1;
            state[1] = System.nanoTime();
            socket.writeBinaryMessage(key);
        });
    }
}
