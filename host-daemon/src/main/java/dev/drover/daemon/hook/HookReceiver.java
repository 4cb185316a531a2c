package dev.drover.daemon.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.approval.HeldApprovals;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.protocol.daemon.DaemonMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives the agents' HTTP hooks on loopback ({@code POST /hooks/<session id>}, wired by a
 * profile's {@code hooks} through {@code {hooksUrl}} and {@code {hooksToken}}): checks the
 * session's bearer token, answers at once (with {@code {}}, no decision, unless {@link TurnRefusals}
 * refuses the turn of a session the hub stopped) or, for the profile's approval hook while a hub is
 * connected, holds the answer for a decision in Drover ({@link HeldApprovals}), hands the call to the session's activity detector,
 * and tells its listeners (the hub link) which hook fired with a short summary. Bodies over 256 KiB, chunked or not, are
 * refused with 413 as soon as they pass the limit; nothing beyond it is kept.
 */
@ApplicationScoped
public class HookReceiver {

    private static final Logger LOG = Logger.getLogger(HookReceiver.class);
    private static final int MAX_BODY = 256 * 1024;
    /** How long a refused connection is drained after its 413 before it is closed. */
    private static final long CLOSE_GRACE_MILLIS = 1000;
    private static final int MAX_DETAIL = 300;
    private static final String PATH = "/hooks/";

    private final Vertx vertx;
    private final SessionRegistry sessions;
    private final SessionActivities activities;
    private final ObjectMapper json;
    private final TurnRefusals refusals;
    private final HeldApprovals approvals;
    private final String host;
    private final Set<Consumer<DaemonMessage.AgentHook>> listeners = ConcurrentHashMap.newKeySet();
    private volatile HttpServer server;

    public HookReceiver(Vertx vertx, SessionRegistry sessions, SessionActivities activities, ObjectMapper json,
            TurnRefusals refusals, HeldApprovals approvals,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String host) {
        this.refusals = refusals;
        this.approvals = approvals;
        this.vertx = vertx;
        this.sessions = sessions;
        this.activities = activities;
        this.json = json;
        this.host = host;
    }

    void start(@Observes StartupEvent event) {
        server();
    }

    void stop(@Observes ShutdownEvent event) {
        HttpServer running = server;
        if (running != null) {
            running.close();
        }
    }

    /** Calls {@code listener} with every accepted hook call. */
    public void onHook(Consumer<DaemonMessage.AgentHook> listener) {
        listeners.add(listener);
    }

    /** The URL the agent of {@code sessionId} posts its hooks to (the receiver starts on first use). */
    public String url(UUID sessionId) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server().actualPort() + PATH + sessionId;
    }

    private synchronized HttpServer server() {
        if (server == null) {
            try {
                server = vertx.createHttpServer()
                        .requestHandler(this::handle)
                        .listen(0, host)
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                LOG.infof("agent hooks are received on %s:%d", host, server.actualPort());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the hook receiver on " + host, e);
            }
        }
        return server;
    }

    private void handle(HttpServerRequest request) {
        Optional<UUID> session = sessionOf(request);
        if (session.isEmpty() || request.method() != io.vertx.core.http.HttpMethod.POST) {
            request.response().setStatusCode(404).end();
            return;
        }
        Optional<String> token = sessions.hooksToken(session.get());
        String presented = request.getHeader("Authorization");
        if (token.isEmpty() || presented == null || !MessageDigest.isEqual(("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            request.response().setStatusCode(401).end();
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,12}") && Long.parseLong(length) > MAX_BODY) {
            refuseTooLarge(request);
            return;
        }
        Buffer body = Buffer.buffer();
        request.exceptionHandler(e -> LOG.debugf("hook call for %s failed: %s", session.get(), e.getMessage()));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
                refuseTooLarge(request);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!request.response().ended()) {
                accept(request, session.get(), body);
            }
        });
    }

    /**
     * Answers 413 with a problem document and lets go of the connection: the rest of the body is
     * dropped (never kept) until the answer is out, then reading stops, so the sender soon blocks, and
     * the connection (over HTTP/2 only the request's stream) is closed {@link #CLOSE_GRACE_MILLIS} later. Closing at once would reset it while the client still sends,
     * and the client would lose the answer; draining until the close would read a fast sender's
     * whole body.
     */
    private void refuseTooLarge(HttpServerRequest request) {
        request.handler(chunk -> {
        });
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (!http2) {
            request.response().putHeader("Connection", "close");
        }
        request.response()
                .setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .end("{\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"a hook body is at most " + MAX_BODY + " bytes\"}")
                .onComplete(sent -> {
                    request.pause();
                    vertx.setTimer(CLOSE_GRACE_MILLIS, timer -> {
                        if (http2) {
                            request.response().reset();
                        } else {
                            request.connection().close();
                        }
                    });
                });
    }

    private void accept(HttpServerRequest request, UUID session, Buffer body) {
        JsonNode call;
        try {
            call = json.readTree(body.getBytes());
        } catch (Exception e) {
            request.response().setStatusCode(400).end();
            return;
        }
        String event = call.path("hook_event_name").asText("");
        String answer = refusals.answer(session, event);
        if (!approvals.hold(session, event, call, answer, request.response())) {
            request.response().putHeader("Content-Type", "application/json").end(answer);
        }
        if (event.isEmpty()) {
            return;
        }
        activities.hook(session, event, call);
        DaemonMessage.AgentHook hook = new DaemonMessage.AgentHook(session, truncate(event, 64), detail(call), Instant.now());
        listeners.forEach(listener -> listener.accept(hook));
    }

    private static Optional<UUID> sessionOf(HttpServerRequest request) {
        String path = request.path();
        if (path == null || !path.startsWith(PATH)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(path.substring(PATH.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A short, display-safe summary of a hook call: the notification's message or the tool's name. */
    static String detail(JsonNode call) {
        for (String field : new String[] {"message", "tool_name", "notification_type", "source", "reason"}) {
            String value = call.path(field).asText("");
            if (!value.isBlank()) {
                return truncate(value.replaceAll("\\p{Cntrl}", " ").strip(), MAX_DETAIL);
            }
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
