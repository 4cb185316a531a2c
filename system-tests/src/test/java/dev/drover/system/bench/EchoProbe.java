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
        return onViewerSocket(hub, sessionId, token, (socket, done) -> echoes(socket, warmup, count, done));
    }

    /**
     * Round-trip times in nanoseconds of WebSocket pings to the hub on a viewer's socket, answered
     * by the hub's WebSocket layer itself: the floor of one network hop between two processes here.
     */
    static long[] pings(URI hub, String sessionId, String token, int warmup, int count) throws Exception {
        return onViewerSocket(hub, sessionId, token, (socket, done) -> {
            Buffer payload = Buffer.buffer(new byte[] { 'p' });
            RoundTrips trips = new RoundTrips(warmup, count, () -> socket.writePing(payload), done);
            socket.binaryMessageHandler(frame -> acknowledge(socket, frame));
            socket.pongHandler(pong -> trips.arrived(System.nanoTime()));
            trips.arrived(System.nanoTime());
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

    /**
     * Echoes of single keys: the first frame is the session's greeting, each later one the echo of
     * the key sent after the frame before.
     */
    private static void echoes(WebSocket socket, int warmup, int count, CompletableFuture<long[]> done) {
        Buffer key = Buffer.buffer(new byte[] { 'x' });
        RoundTrips trips = new RoundTrips(warmup, count, () -> socket.writeBinaryMessage(key), done);
        socket.binaryMessageHandler(frame -> {
            long now = System.nanoTime();
            acknowledge(socket, frame);
            trips.arrived(now);
        });
    }

    /** Acknowledges an output frame's bytes (after its 8-byte offset), as a viewer must. */
    private static void acknowledge(WebSocket socket, Buffer frame) {
        socket.writeTextMessage("{\"type\":\"ack\",\"bytes\":" + (frame.length() - 8) + "}");
    }
}
