package dev.drover.hub.terminal.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.audit.service.TerminalInputTally;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.session.service.SessionShareChanged;
import dev.drover.hub.web.CloseReasons;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.terminal.TerminalCloseCodes;
import dev.drover.protocol.terminal.TerminalControl;
import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/** The browser's terminal socket; see docs/api/terminal.md. */
@WebSocket(path = "/api/v1/sessions/{id}/terminal", endpointId = TerminalSocket.ID)
@Authenticated
public class TerminalSocket {

    static final String ID = "terminal";
    private static final int MAX_CELLS = 1000;
    private static final UserData.TypedKey<TerminalViewer> VIEWER = new UserData.TypedKey<>("drover.viewer");
    private static final Logger LOG = Logger.getLogger(TerminalSocket.class);

    private final DaemonRegistry daemons;
    private final ObjectMapper mapper;
    private final HubConfig config;
    private final OpenConnections connections;
    private final TerminalInputTally inputs;

    public TerminalSocket(DaemonRegistry daemons, ObjectMapper mapper, HubConfig config, OpenConnections connections,
                          TerminalInputTally inputs) {
        this.daemons = daemons;
        this.mapper = mapper;
        this.config = config;
        this.connections = connections;
        this.inputs = inputs;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        UUID sessionId = connection.userData().get(TerminalUpgradeCheck.SESSION_ID);
        UUID hostId = connection.userData().get(TerminalUpgradeCheck.HOST_ID);
        boolean readOnly = connection.userData().get(TerminalUpgradeCheck.READ_ONLY);
        Optional<StartPoint> from = startPoint(connection.handshakeRequest().query());
        if (from.isEmpty()) {
            return close(connection, TerminalCloseCodes.INVALID_DATA, "from must be a byte offset >= 0 or 'screen'");
        }
        Optional<DaemonLink> link = daemons.find(hostId);
        if (link.isEmpty()) {
            return close(connection, TerminalCloseCodes.HOST_UNAVAILABLE, "host offline");
        }
        TerminalViewer viewer = new TerminalViewer(connection, sessionId, link.get(), readOnly, mapper);
        connection.userData().put(VIEWER, viewer);
        return viewer.attach(from.get(), config.terminal().window());
    }

    @OnTextMessage
    public Uni<Void> text(String text, WebSocketConnection connection) {
        TerminalViewer viewer = connection.userData().get(VIEWER);
        TerminalControl control;
        try {
            control = mapper.readValue(text, TerminalControl.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("terminal socket %s sent no control message: %s", connection.id(), e.getOriginalMessage());
            return close(connection, TerminalCloseCodes.INVALID_DATA, "not a control message");
        }
        if (control instanceof TerminalControl.Resize resize) {
            if (resize.cols() < 1 || resize.cols() > MAX_CELLS || resize.rows() < 1 || resize.rows() > MAX_CELLS) {
                return close(connection, TerminalCloseCodes.INVALID_DATA, "cols and rows must be between 1 and 1000");
            }
            if (viewer.readOnly()) {
                return viewer.refuse("resize", "read-only viewers cannot resize the terminal");
            }
            return viewer.link().send(new DaemonMessage.Resize(viewer.sessionId(), resize.cols(), resize.rows()))
                    .invoke(() -> resizedFor(connection, viewer.sessionId(), resize));
        }
        if (control instanceof TerminalControl.Ack ack) {
            if (ack.bytes() <= 0) {
                return close(connection, TerminalCloseCodes.INVALID_DATA, "ack bytes must be positive");
            }
            return viewer.acknowledged(ack.bytes());
        }
        return close(connection, TerminalCloseCodes.INVALID_DATA, "viewers send only resize and ack");
    }

    /** Tells the session's other viewers the size one of them gave its terminal. */
    private void resizedFor(WebSocketConnection resizer, UUID sessionId, TerminalControl.Resize resize) {
        for (WebSocketConnection other : connections.findByEndpointId(ID)) {
            TerminalViewer viewer = other.userData().get(VIEWER);
            if (viewer != null && other != resizer && viewer.sessionId().equals(sessionId)) {
                viewer.resized(resize.cols(), resize.rows());
            }
        }
    }

    @OnBinaryMessage
    public Uni<Void> input(Buffer bytes, WebSocketConnection connection) {
        TerminalViewer viewer = connection.userData().get(VIEWER);
        if (viewer.readOnly()) {
            return close(connection, TerminalCloseCodes.POLICY_VIOLATION, "read-only viewer");
        }
        if (bytes.length() > TerminalCloseCodes.MAX_INPUT_MESSAGE) {
            return close(connection, TerminalCloseCodes.MESSAGE_TOO_BIG, "input message of " + bytes.length()
                    + " bytes is over the limit of " + TerminalCloseCodes.MAX_INPUT_MESSAGE + ", send it in several messages");
        }
        byte[] input = bytes.getBytes();
        inputs.typed(connection.userData().get(TerminalUpgradeCheck.ACTOR), viewer.sessionId(), input);
        return viewer.input(input);
    }

    /**
     * A message over the server's {@code max-message-size} (4 MiB, sent in several frames) fails in
     * Vert.x before it reaches {@link #input}; it gets 1009 like any input message over the limit.
     * Any other failure is logged and closes with 1011 (1008 when no longer allowed) and a reason that tells nothing
     * of the hub's insides.
     */
    @OnError
    public Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
            return close(connection, TerminalCloseCodes.MESSAGE_TOO_BIG, "message over the limit of 4194304 bytes, input over "
                    + TerminalCloseCodes.MAX_INPUT_MESSAGE + " must be sent in several messages");
        }
        LOG.errorf(failure, "terminal socket %s failed", connection.id());
        return connection.close(CloseReasons.afterFailure(failure));
    }

    /**
     * Closes the terminals that watch a session only through a share that changed (1008): they may
     * reopen with what the share gives now, or get 404 when it is gone.
     */
    void shareChanged(@Observes SessionShareChanged changed) {
        for (WebSocketConnection connection : connections.findByEndpointId(ID)) {
            if (changed.sessionId().equals(connection.userData().get(TerminalUpgradeCheck.SESSION_ID))
                    && changed.username().equals(connection.userData().get(TerminalUpgradeCheck.SHARED_WITH))) {
                close(connection, TerminalCloseCodes.POLICY_VIOLATION, changed.access() == null
                        ? "no longer shared with you" : "sharing changed; open the terminal again")
                        .subscribe().with(closed -> { }, failure -> LOG.debugf("closing terminal socket %s: %s",
                                connection.id(), failure.getMessage()));
            }
        }
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        TerminalViewer viewer = connection.userData().get(VIEWER);
        if (viewer != null) {
            viewer.detach();
        }
    }

    /**
     * The {@code from} query parameter: offset 0 when absent, the latest screen for {@code screen},
     * empty when it is neither {@code screen} nor a non-negative number.
     */
    static Optional<StartPoint> startPoint(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.of(StartPoint.offset(0));
        }
        for (String pair : query.split("&")) {
            if (pair.equals("from=screen")) {
                return Optional.of(StartPoint.SCREEN);
            }
            if (pair.startsWith("from=")) {
                try {
                    long from = Long.parseLong(pair.substring("from=".length()));
                    return from >= 0 ? Optional.of(StartPoint.offset(from)) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(StartPoint.offset(0));
    }

    private static Uni<Void> close(WebSocketConnection connection, int code, String reason) {
        LOG.debugf("closing terminal socket %s with %d: %s", connection.id(), code, reason);
        return connection.close(CloseReasons.of(code, reason));
    }
}
