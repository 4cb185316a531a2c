package dev.drover.hub.terminal.ws;

import dev.drover.hub.auth.service.LoginSessions;
import dev.drover.hub.config.HubConfig;
import dev.drover.protocol.terminal.TerminalCloseCodes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Closes a person's terminal sockets (1008) when their login session ends: at once on logout,
 * and within {@code drover.hub.login.socket-check-interval} when the session expires or the
 * account is removed or disabled.
 */
@ApplicationScoped
public class TerminalSignOut {

    private static final Logger LOG = Logger.getLogger(TerminalSignOut.class);

    private final OpenConnections connections;
    private final LoginSessions sessions;
    private final HubConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public TerminalSignOut(OpenConnections connections, LoginSessions sessions, HubConfig config, Vertx vertx) {
        this.connections = connections;
        this.sessions = sessions;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.login().socketCheckInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void loggedOut(@Observes LoginSessions.Ended ended) {
        close(ended.loginSessionId()::equals, "signed out");
    }

    private void check() {
        Set<UUID> open = connections.findByEndpointId(TerminalSocket.ID).stream()
                .map(TerminalSignOut::loginSession)
                .filter(id -> id != null)
                .collect(Collectors.toSet());
        sessions.live(open).subscribe().with(
                live -> close(id -> !live.contains(id), "login session ended"),
                failure -> LOG.warnf("cannot check the login sessions of open terminals: %s", failure.getMessage()));
    }

    private void close(Predicate<UUID> ended, String reason) {
        for (WebSocketConnection connection : connections.findByEndpointId(TerminalSocket.ID)) {
            UUID id = loginSession(connection);
            if (id != null && ended.test(id)) {
                connection.close(new CloseReason(TerminalCloseCodes.POLICY_VIOLATION, reason)).subscribe().with(
                        ignored -> { },
                        failure -> LOG.debugf("closing a signed-out terminal failed: %s", failure.getMessage()));
            }
        }
    }

    private static UUID loginSession(WebSocketConnection connection) {
        return connection.userData().get(TerminalUpgradeCheck.LOGIN_SESSION_ID);
    }
}
