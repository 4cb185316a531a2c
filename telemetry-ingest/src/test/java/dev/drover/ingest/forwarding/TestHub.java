package dev.drover.ingest.forwarding;

import dev.drover.telemetry.v1.EventAck;
import dev.drover.telemetry.v1.SessionStatus;
import dev.drover.telemetry.v1.SessionStatusRequest;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.TelemetryStreamGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServiceBridge;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the hub: a real gRPC TelemetryStream server on its own port that checks the shared secret,
 * records every event and acknowledges it, and answers every session live until a test {@link #end}s it.
 * Tests stop and start it to play a hub outage.
 */
@Startup
@ApplicationScoped
public class TestHub {

    static final String SECRET = "Bearer test-hub-secret";

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Vertx vertx;
    private final int port;
    private final List<TelemetryEvent> received = new CopyOnWriteArrayList<>();
    private final Set<StreamObserver<EventAck>> open = ConcurrentHashMap.newKeySet();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    TestHub(Vertx vertx, @ConfigProperty(name = "drover.test.hub-port") int port) {
        this.vertx = vertx;
        this.port = port;
    }

    @PostConstruct
    void listen() {
        start();
    }

    /** Starts listening (again). */
    public synchronized void start() {
        GrpcServer grpc = GrpcServer.server(vertx);
        GrpcServiceBridge.bridge(ServerInterceptors.intercept(new Stream(), TestHub::checkSecret)).bind(grpc);
        server = vertx.createHttpServer(new HttpServerOptions().setHost("localhost").setPort(port))
                .requestHandler(grpc);
        server.listen().toCompletionStage().toCompletableFuture().join();
    }

    /** Stops listening and ends every open stream (closing the server alone lets open HTTP/2 streams go on). */
    public synchronized void stop() {
        open.forEach(acks -> acks.onError(Status.UNAVAILABLE.withDescription("the hub stopped").asRuntimeException()));
        open.clear();
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Every event received for the session, each event id once (as the hub stores them), in arrival order. */
    public List<TelemetryEvent> eventsOf(String sessionId) {
        Map<String, TelemetryEvent> unique = new LinkedHashMap<>();
        received.stream()
                .filter(e -> e.getSessionId().equals(sessionId))
                .forEach(e -> unique.putIfAbsent(e.getEventId(), e));
        return List.copyOf(unique.values());
    }

    /** The session ended: from now on the hub answers that it is not live. */
    public void end(String sessionId) {
        ended.add(sessionId);
    }

    /** How many times events of the session arrived, duplicates included. */
    public long deliveriesOf(String sessionId) {
        return received.stream().filter(e -> e.getSessionId().equals(sessionId)).count();
    }

    private final class Stream extends TelemetryStreamGrpc.TelemetryStreamImplBase {
        @Override
        public void getSessionStatus(SessionStatusRequest request, StreamObserver<SessionStatus> status) {
            status.onNext(SessionStatus.newBuilder().setLive(!ended.contains(request.getSessionId())).build());
            status.onCompleted();
        }

        @Override
        public StreamObserver<TelemetryEvent> publish(StreamObserver<EventAck> acks) {
            open.add(acks);
            return new StreamObserver<>() {
                @Override
                public void onNext(TelemetryEvent event) {
                    if (open.contains(acks)) {
                        received.add(event);
                        acks.onNext(EventAck.newBuilder().setEventId(event.getEventId()).build());
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    // the ingest went away; it resends what was not acknowledged
                    open.remove(acks);
                }

                @Override
                public void onCompleted() {
                    open.remove(acks);
                    acks.onCompleted();
                }
            };
        }
    }

    private static <Q, R> ServerCall.Listener<Q> checkSecret(ServerCall<Q, R> call, Metadata headers,
                                                            ServerCallHandler<Q, R> next) {
        if (!SECRET.equals(headers.get(AUTHORIZATION))) {
            call.close(Status.UNAUTHENTICATED.withDescription("wrong hub secret"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
