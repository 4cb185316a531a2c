package dev.drover.system;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.TimeUnit;

/**
 * A model API on a free loopback port that an agent CLI is pointed at: each mock answers its
 * vendor's requests with canned replies and records what it was asked.
 */
abstract class MockModelApi implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    MockModelApi() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answer(request, body.toString())))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** Answers one request whose whole body is {@code body}. */
    protected abstract void answer(HttpServerRequest request, String body);

    @Override
    public void close() {
        vertx.close();
    }
}
