package dev.drover.hub.auth.ws;

import dev.drover.hub.auth.service.ApiTokens;
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

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Closes a person's browser sockets (the terminal and any other socket whose upgrade called
 * {@link SocketLogins#remember}) with 1008 when their login session ends: at once on logout and
 * when an admin disables, removes or changes the account, and within
 * {@code drover.hub.login.socket-check-interval} when the session expires or the account is
 * changed in the database behind the hub's back. Sockets opened with an API token close the same
 * way when the token is revoked (by its owner, an admin, or a change to its owner) or expires. Reasons are short fixed texts (a close frame holds 123 bytes).
 */
@ApplicationScoped
public class SignedOutSockets {

    private static final Logger LOG = Logger.getLogger(SignedOutSockets.class);

    private final OpenConnections connections;
    private final LoginSessions sessions;
    private final ApiTokens tokens;
    private final HubConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public SignedOutSockets(OpenConnections connections, LoginSessions sessions, ApiTokens tokens, HubConfig config,
                            Vertx vertx) {
        this.connections = connections;
        this.sessions = sessions;
        this.tokens = tokens;
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

    void ended(@Observes LoginSessions.Ended ended) {
        close(SocketLogins::of, ended.loginSessionId()::equals, ended.reason());
    }

    void tokensEnded(@Observes ApiTokens.Ended ended) {
        close(SocketLogins::tokenOf, ended.tokenIds()::contains, ended.reason());
    }

    private void check() {
        sessions.live(open(SocketLogins::of)).subscribe().with(
                live -> close(SocketLogins::of, id -> !live.contains(id), "login session ended"),
                failure -> LOG.warnf("cannot check the login sessions of open browser sockets: %s", failure.getMessage()));
        tokens.usable(open(SocketLogins::tokenOf)).subscribe().with(
                usable -> close(SocketLogins::tokenOf, id -> !usable.contains(id), "token expired or revoked"),
                failure -> LOG.warnf("cannot check the API tokens of open sockets: %s", failure.getMessage()));
    }

    private Set<UUID> open(Function<WebSocketConnection, UUID> credential) {
        return connections.listAll().stream()
                .map(credential)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private void close(Function<WebSocketConnection, UUID> credential, Predicate<UUID> ended, String reason) {
        for (WebSocketConnection connection : connections.listAll()) {
            UUID id = credential.apply(connection);
            if (id != null && ended.test(id)) {
                connection.close(new CloseReason(TerminalCloseCodes.POLICY_VIOLATION, reason)).subscribe().with(
                        ignored -> { },
                        failure -> LOG.debugf("closing a signed-out socket failed: %s", failure.getMessage()));
            }
        }
    }
}
