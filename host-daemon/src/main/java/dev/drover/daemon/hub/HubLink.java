package dev.drover.daemon.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.health.HealthSampler;
import dev.drover.daemon.hook.HookReceiver;
import dev.drover.daemon.mcp.McpDetector;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.profile.SessionLauncher;
import dev.drover.daemon.project.ProjectRequests;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.SessionLog;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.daemon.session.screen.ScreenModel;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.MalformedFrameException;
import dev.drover.protocol.daemon.StreamEndReason;
import dev.drover.protocol.daemon.StreamFrames;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The daemon's one WebSocket to the hub ({@code /api/v1/daemon/connect}, docs/adr/0002). Dials
 * out, says {@code hello}, serves the hub's requests, and reconnects forever with capped
 * exponential backoff and full jitter, except when the hub refuses the credential: then the
 * daemon stops with status 2. Socket callbacks run on the event loop; anything that may block
 * (spawning, disk, sending with backpressure) runs on virtual threads.
 */
@ApplicationScoped
public class HubLink {

    private static final Logger LOG = Logger.getLogger(HubLink.class);
    static final String PATH = "/api/v1/daemon/connect";
    /** Input bytes of a session taken by its keeper that make an {@code input-written} go at once. */
    static final long INPUT_ACK_BATCH = 64 * 1024;
    /** How long taken input bytes below {@link #INPUT_ACK_BATCH} wait to be acknowledged together. */
    static final long INPUT_ACK_DELAY_MILLIS = 20;

    private final DaemonConfig config;
    private final SessionRegistry sessions;
    private final ObjectMapper json;
    private final ObjectWriter messageWriter;
    private final ProcessExit exit;
    private final Vertx vertx;
    private final HostIdentity identity;
    private final Backoff backoff;
    private final HealthSampler health;
    private final SessionLauncher launcher;
    private final ProfileRegistry profiles;
    private final ProjectRequests projects;
    private final ShellStates shells;
    private final McpDetector mcp;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String credential;
    private volatile HubTrust trust;
    private volatile boolean stopped;
    private volatile Link current;

    public HubLink(DaemonConfig config, SessionRegistry sessions, ObjectMapper json, ProcessExit exit, Vertx vertx,
            HealthSampler health, SessionLauncher launcher, ProfileRegistry profiles, ProjectRequests projects,
            ShellStates shells, McpDetector mcp, HookReceiver hooks,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.health = health;
        this.launcher = launcher;
        this.profiles = profiles;
        this.projects = projects;
        this.shells = shells;
        this.mcp = mcp;
        this.config = config;
        this.sessions = sessions;
        this.json = json;
        this.messageWriter = json.writerFor(DaemonMessage.class);
        this.exit = exit;
        this.vertx = vertx;
        this.identity = HostIdentity.of(version);
        this.backoff = new Backoff(config.reconnect().minDelay(), config.reconnect().maxDelay(), new Random());
        sessions.onExit(session -> work.execute(() -> sessionExited(session)));
        hooks.onHook(hook -> work.execute(() -> {
            Link link = current;
            if (link != null && link.welcomed) {
                link.send(hook);
            }
        }));
        profiles.onChange(offer -> {
            Link link = current;
            if (link != null && link.welcomed) {
                link.send(offer);
            }
        });
        projects.onWorktreeChange(message -> work.execute(() -> sendWhenReady(message)));
        shells.onChange(state -> work.execute(() -> sendWhenReady(state)));
    }

    public HostIdentity identity() {
        return identity;
    }

    /** Whether the hub accepted the current connection ({@code welcome} received). */
    public boolean connected() {
        Link link = current;
        return link != null && link.welcomed;
    }

    /** Starts dialling the hub with this host's credential, verifying an {@code https} hub with {@code hubTrust}; returns at once. */
    public void start(String hostCredential, HubTrust hubTrust) {
        this.credential = hostCredential;
        this.trust = hubTrust;
        this.stopped = false;
        connect();
    }

    /** The renewed host credential, for the next connection. */
    public void useCredential(String renewed) {
        this.credential = renewed;
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        Link link = current;
        if (link != null && link.connection != null) {
            link.connection.close(new CloseReason(CloseReason.NORMAL.getCode(), "daemon shutting down")).subscribe().with(ok -> {
            }, failure -> LOG.debugf("closing the hub socket: %s", failure.getMessage()));
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Link link = new Link();
        BasicWebSocketConnector.create()
                .baseUri(config.hubUrl())
                .path(PATH)
                .addHeader("Authorization", "Bearer " + credential)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, client) -> {
                    trust.applyTo(client);
                    client.setVerifyHost(true);
                })
                .onOpen(connection -> link.opened(connection))
                .onTextMessage((connection, text) -> link.onText(text))
                .onBinaryMessage((connection, buffer) -> link.onBinary(buffer.getBytes()))
                .onClose((connection, reason) -> disconnected(link, reason))
                .connect()
                .subscribe().with(
                        connection -> LOG.debugf("connected to %s", config.hubUrl()),
                        this::connectFailed);
    }

    private void connectFailed(Throwable failure) {
        Optional<String> refusal = ConnectFailure.refusal(failure);
        if (refusal.isPresent()) {
            stopped = true;
            exit.exit(ProcessExit.REFUSED, refusal.get());
            return;
        }
        Optional<String> untrusted = ConnectFailure.untrustedCertificate(failure);
        if (untrusted.isPresent()) {
            LOG.errorf("the hub at %s is not trusted: %s", config.hubUrl(), untrusted.get());
            reconnectLater("TLS handshake with the hub failed");
            return;
        }
        reconnectLater("cannot reach the hub at " + config.hubUrl() + ": " + ConnectFailure.describe(failure));
    }

    private void disconnected(Link link, CloseReason reason) {
        link.stopHeartbeats();
        link.closeStreams();
        if (current == link) {
            current = null;
        }
        if (link.welcomed) {
            backoff.reset();
        }
        reconnectLater("the hub closed the connection (" + reason.getCode()
                + (reason.getMessage() == null || reason.getMessage().isEmpty() ? "" : " " + reason.getMessage()) + ")");
    }

    private void reconnectLater(String why) {
        if (stopped) {
            return;
        }
        Duration delay;
        synchronized (backoff) {
            delay = backoff.next();
        }
        LOG.warnf("%s; reconnecting in %d ms", why, delay.toMillis());
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> connect());
    }

    private void sessionExited(RunningSession session) {
        SessionLog log = session.log();
        sendWhenReady(new DaemonMessage.SessionExited(session.id(), log.exitCode(), log.end(),
                sessions.agentSessionId(session.id()).orElse(null)));
    }

    /** Sends on the current connection once it said {@code hello}; dropped while there is none. */
    private void sendWhenReady(DaemonMessage message) {
        Link link = current;
        if (link != null) {
            link.sendWhenReady(message);
        }
    }

    private String encode(DaemonMessage message) {
        try {
            return messageWriter.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** One connection to the hub and the streams open on it; they all end with it. */
    private final class Link {

        private final Map<Long, LogStream> streams = new ConcurrentHashMap<>();
        private volatile WebSocketClientConnection connection;
        private volatile boolean welcomed;
        private final Object writeLock = new Object();
        private boolean ready;
        private final Object heartbeatLock = new Object();
        private long heartbeatTimer = -1;
        private boolean heartbeatsStopped;
        /** Input bytes per session that its keeper took and the hub has not been told of yet. */
        private final Map<UUID, Long> inputTaken = new ConcurrentHashMap<>();
        private final AtomicBoolean inputAckTimer = new AtomicBoolean();

        void opened(WebSocketClientConnection openedConnection) {
            this.connection = openedConnection;
            current = this;
            work.execute(this::sayHello);
        }

        private synchronized void sayHello() {
            DaemonMessage.Hello hello = new DaemonMessage.Hello(DaemonMessage.PROTOCOL_VERSION, identity.daemonVersion(),
                    identity.hostname(), identity.os(), identity.arch(), sessions.reports());
            try {
                write(() -> connection.sendText(encode(hello))).join();
                ready = true;
            } catch (RuntimeException e) {
                LOG.debugf("hello not sent: %s", ConnectFailure.describe(e));
            }
        }

        /** Sends after {@code hello}, so the hub never hears of a session before the daemon's list. */
        synchronized void sendWhenReady(DaemonMessage message) {
            if (ready && connection.isOpen()) {
                send(message);
            }
        }

        void send(DaemonMessage message) {
            try {
                write(() -> connection.sendText(encode(message))).join();
            } catch (RuntimeException e) {
                LOG.debugf("%s not sent: %s", message.getClass().getSimpleName(), ConnectFailure.describe(e));
            }
        }

        /**
         * Starts writing one message. The socket splits a large message into frames and queues each
         * separately when the caller is not its event loop, so messages from different threads are
         * started one at a time: their frames never interleave on the wire.
         */
        private CompletableFuture<Void> write(Supplier<Uni<Void>> message) {
            synchronized (writeLock) {
                return message.get().subscribeAsCompletionStage();
            }
        }

        void onText(String text) {
            DaemonMessage message;
            try {
                message = json.readValue(text, DaemonMessage.class);
            } catch (JsonProcessingException e) {
                malformed("not a message from the hub", e.getOriginalMessage());
                return;
            }
            if (message == null) {
                malformed("not a message from the hub", "null");
                return;
            }
            switch (message) {
                case DaemonMessage.Welcome welcome -> {
                    welcomed = true;
                    synchronized (backoff) {
                        backoff.reset();
                    }
                    LOG.infof("connected to the hub at %s as host %s", config.hubUrl(), welcome.hostId());
                    work.execute(() -> send(profiles.offer()));
                    startHeartbeats();
                    work.execute(() -> projects.announce().ifPresent(this::sendWhenReady));
                    work.execute(() -> shells.all().forEach(this::sendWhenReady));
                }
                case DaemonMessage.Spawn spawn -> work.execute(() -> spawn(spawn));
                case DaemonMessage.ListProjects list -> work.execute(() -> send(projects.projects(list)));
                case DaemonMessage.DiscardWorktree discard -> work.execute(() -> send(projects.discard(discard)));
                case DaemonMessage.Resize resize -> sessions.resize(resize.sessionId(), resize.cols(), resize.rows());
                case DaemonMessage.Stop stop -> sessions.stop(stop.sessionId());
                case DaemonMessage.OpenStream open -> work.execute(() -> openStream(open));
                case DaemonMessage.Credit credit -> {
                    LogStream stream = streams.get(credit.streamId());
                    if (stream != null) {
                        stream.credit(credit.bytes());
                    }
                }
                case DaemonMessage.CloseStream close -> {
                    LogStream stream = streams.get(close.streamId());
                    if (stream != null) {
                        stream.close(true);
                    }
                }
                default -> LOG.warnf("ignoring %s: the hub does not send it", message.getClass().getSimpleName());
            }
        }

        void onBinary(byte[] frame) {
            if (StreamFrames.kind(frame) != StreamFrames.INPUT) {
                malformed("unexpected binary frame", "kind " + StreamFrames.kind(frame));
                return;
            }
            StreamFrames.Input input;
            try {
                input = StreamFrames.readInput(frame);
            } catch (MalformedFrameException e) {
                malformed("malformed frame", e.getMessage());
                return;
            }
            byte[] bytes = new byte[input.bytes().remaining()];
            input.bytes().get(bytes);
            UUID sessionId = input.sessionId();
            Optional<RunningSession> session = sessions.running(sessionId);
            if (session.isEmpty()) {
                LOG.debugf("input for session %s dropped: not running", sessionId);
                inputTaken(sessionId, bytes.length);
                return;
            }
            session.get().write(bytes).whenComplete((taken, failure) -> inputTaken(sessionId, bytes.length));
        }

        /**
         * Acknowledges input the keeper took ({@code input-written}), so the hub sends more: at once
         * when {@link #INPUT_ACK_BATCH} bytes of a session are due, else together after
         * {@link #INPUT_ACK_DELAY_MILLIS}, so typing costs no message per keystroke.
         */
        private void inputTaken(UUID sessionId, long bytes) {
            if (inputTaken.merge(sessionId, bytes, Long::sum) >= INPUT_ACK_BATCH) {
                work.execute(() -> acknowledgeInput(sessionId));
            } else if (inputAckTimer.compareAndSet(false, true)) {
                vertx.setTimer(INPUT_ACK_DELAY_MILLIS, id -> {
                    inputAckTimer.set(false);
                    work.execute(() -> inputTaken.keySet().forEach(this::acknowledgeInput));
                });
            }
        }

        private void acknowledgeInput(UUID sessionId) {
            Long bytes = inputTaken.remove(sessionId);
            if (bytes != null) {
                sendWhenReady(new DaemonMessage.InputWritten(sessionId, bytes));
            }
        }

        /** Closes with 1007 and {@code reason}, a fixed text; the decoder's {@code detail} goes to the log only. */
        private void malformed(String reason, String detail) {
            LOG.warnf("closing the hub socket: %s: %s", reason, detail);
            connection.close(new CloseReason(1007, reason))
                    .subscribe().with(ok -> {
                    }, failure -> LOG.debugf("closing the hub socket: %s", failure.getMessage()));
        }

        private void spawn(DaemonMessage.Spawn spawn) {
            try {
                RunningSession session = launcher.launch(spawn,
                        step -> send(new DaemonMessage.SpawnProgress(spawn.sessionId(), step)));
                send(new DaemonMessage.Spawned(spawn.requestId(), spawn.sessionId(), session.pid()));
                // Shell and MCP details (issue 4, item 7): the MCP servers of the session's profile.
                sessions.profile(spawn.sessionId()).flatMap(profiles::find)
                        .flatMap(profile -> mcp.forSpawn(spawn, profile.mcp()))
                        .ifPresent(this::send);
            } catch (SpawnException e) {
                LOG.infof("session %s not started: %s", spawn.sessionId(), e.getMessage());
                send(new DaemonMessage.SpawnFailed(spawn.requestId(), spawn.sessionId(), e.getMessage()));
            }
        }

        private void openStream(DaemonMessage.OpenStream open) {
            Optional<SessionLog> found = sessions.log(open.sessionId());
            if (found.isEmpty()) {
                send(new DaemonMessage.StreamEnded(open.streamId(), 0, StreamEndReason.UNKNOWN_SESSION, null));
                return;
            }
            SessionLog log = found.get();
            long end = log.end();
            long from = open.from() < 0 ? end : open.from();
            if (open.screen()) {
                from = log.start();
                Optional<ScreenModel.Snapshot> snapshot = sessions.screen(open.sessionId())
                        .map(ScreenModel::snapshot)
                        .filter(s -> s.offset() >= log.start());
                if (snapshot.isPresent()) {
                    ScreenModel.Snapshot screen = snapshot.get();
                    from = screen.offset();
                    send(new DaemonMessage.Screen(open.streamId(), screen.offset(), screen.cols(), screen.rows(),
                            Base64.getEncoder().encodeToString(screen.repaint())));
                }
            }
            if (from > end || from < log.start()) {
                send(new DaemonMessage.StreamEnded(open.streamId(), end, StreamEndReason.OFFSET_OUT_OF_RANGE, null));
                return;
            }
            LogStream stream = new LogStream(open.streamId(), log, new ReplayCursor(log, from, open.window()),
                    config.stream().coalesce(), new LogStream.Sink() {
                        @Override
                        public void data(byte[] frame) {
                            write(() -> connection.sendBinary(frame)).whenComplete((sent, failure) -> {
                                if (failure != null) {
                                    LOG.debugf("stream %d: frame not sent: %s", open.streamId(),
                                            ConnectFailure.describe(failure));
                                }
                            });
                        }

                        @Override
                        public void ended(DaemonMessage.StreamEnded ended) {
                            write(() -> connection.sendText(encode(ended))).join();
                        }
                    },
                    done -> streams.remove(done.streamId(), done));
            LogStream previous = streams.put(open.streamId(), stream);
            if (previous != null) {
                previous.close(false);
            }
            stream.start();
        }

        /** Sends a heartbeat now and then every {@code drover.daemon.heartbeat-interval} until the link closes. */
        private void startHeartbeats() {
            synchronized (heartbeatLock) {
                if (heartbeatsStopped || heartbeatTimer >= 0) {
                    return;
                }
                heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> work.execute(this::heartbeat));
            }
            work.execute(this::heartbeat);
        }

        private void heartbeat() {
            sendWhenReady(new DaemonMessage.Heartbeat(health.sample()));
        }

        void stopHeartbeats() {
            synchronized (heartbeatLock) {
                heartbeatsStopped = true;
                if (heartbeatTimer >= 0) {
                    vertx.cancelTimer(heartbeatTimer);
                }
            }
        }

        void closeStreams() {
            streams.values().forEach(stream -> stream.close(false));
            streams.clear();
        }
    }
}
