package dev.drover.daemon.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.health.HealthSampler;
import dev.drover.daemon.host.HostIdentity;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.protocol.daemon.DaemonMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The daemon's one WebSocket to the hub ({@code /api/v1/daemon/connect}, docs/adr/0002). Dials
 * out, says {@code hello}, sends heartbeats once welcomed, and reconnects forever with capped
 * exponential backoff and full jitter, except when the hub refuses the credential: then the
 * daemon stops with status 2. Each connection is a {@link HubConnection}; the hub's requests go to
 * {@link HubRequests}, what the daemon reports unasked comes from {@link HostReports}. Socket
 * callbacks run on the event loop; anything that may block runs on virtual threads.
 */
@ApplicationScoped
public class HubLink {

    private static final Logger LOG = Logger.getLogger(HubLink.class);
    static final String PATH = "/api/v1/daemon/connect";

    private final DaemonConfig config;
    private final SessionRegistry sessions;
    private final HubRequests requests;
    private final HealthSampler health;
    private final HostIdentity identity;
    private final ObjectMapper json;
    private final ProcessExit exit;
    private final Vertx vertx;
    private final Backoff backoff;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String credential;
    private volatile HubTrust trust;
    private volatile boolean stopped;
    private volatile HubConnection current;

    public HubLink(DaemonConfig config, SessionRegistry sessions, HubRequests requests, HealthSampler health,
            HostIdentity identity, ObjectMapper json, ProcessExit exit, Vertx vertx) {
        this.config = config;
        this.sessions = sessions;
        this.requests = requests;
        this.health = health;
        this.identity = identity;
        this.json = json;
        this.exit = exit;
        this.vertx = vertx;
        this.backoff = new Backoff(config.reconnect().minDelay(), config.reconnect().maxDelay(), new Random());
    }

    /** Whether the hub accepted the current connection ({@code welcome} received). */
    public boolean connected() {
        HubConnection connection = current;
        return connection != null && connection.welcomed();
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

    /** Sends on the current connection once it said {@code hello}; dropped while there is none. */
    void sendWhenReady(DaemonMessage message) {
        HubConnection connection = current;
        if (connection != null) {
            connection.sendWhenReady(message);
        }
    }

    /** Sends on the current connection once the hub welcomed it; dropped until then. */
    void sendWhenWelcomed(DaemonMessage message) {
        HubConnection connection = current;
        if (connection != null && connection.welcomed()) {
            connection.send(message);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        HubConnection connection = current;
        if (connection != null) {
            connection.close(new CloseReason(CloseReason.NORMAL.getCode(), "daemon shutting down"));
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        HubConnection connection = new HubConnection(this, requests, json, vertx, work);
        BasicWebSocketConnector.create()
                .baseUri(config.hubUrl())
                .path(PATH)
                .addHeader("Authorization", "Bearer " + credential)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, client) -> {
                    trust.applyTo(client);
                    client.setVerifyHost(true);
                })
                .onOpen(connection::opened)
                .onTextMessage((socket, text) -> connection.onText(text))
                .onBinaryMessage((socket, buffer) -> connection.onBinary(buffer.getBytes()))
                .onClose((socket, reason) -> disconnected(connection, reason))
                .connect()
                .subscribe().with(
                        socket -> LOG.debugf("connected to %s", config.hubUrl()),
                        this::connectFailed);
    }

    /** A connection opened: it becomes the current one and says {@code hello}. */
    void opened(HubConnection connection) {
        current = connection;
        work.execute(() -> connection.sayHello(new DaemonMessage.Hello(DaemonMessage.PROTOCOL_VERSION,
                identity.daemonVersion(), identity.hostname(), identity.os(), identity.arch(), sessions.reports())));
    }

    /** The hub accepted {@code connection}: heartbeats start, and the daemon says what it offers. */
    void welcomed(HubConnection connection, DaemonMessage.Welcome welcome) {
        synchronized (backoff) {
            backoff.reset();
        }
        LOG.infof("connected to the hub at %s as host %s", config.hubUrl(), welcome.hostId());
        requests.welcomed(connection);
        connection.startHeartbeats(config.heartbeatInterval(),
                () -> connection.sendWhenReady(new DaemonMessage.Heartbeat(health.sample())));
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

    private void disconnected(HubConnection connection, CloseReason reason) {
        connection.closed();
        if (current == connection) {
            current = null;
        }
        if (connection.welcomed()) {
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
}
