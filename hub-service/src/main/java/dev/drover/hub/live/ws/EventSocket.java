package dev.drover.hub.live.ws;

import dev.drover.hub.web.CloseReasons;
import dev.drover.protocol.terminal.TerminalCloseCodes;
import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * The dashboard's event socket: every session and host change, as committed, pushed to each open
 * page (docs/api/events.md). It only sends; {@link EventFanOut} decides what each reader gets.
 */
@WebSocket(path = "/api/v1/events", endpointId = EventSocket.ID)
@Authenticated
public class EventSocket {

    static final String ID = "events";
    private static final Logger LOG = Logger.getLogger(EventSocket.class);

    private final EventFanOut fanOut;

    public EventSocket(EventFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        fanOut.hello(connection);
    }

    /** Readers send nothing; anything they send closes the socket (1008). */
    @OnTextMessage
    public Uni<Void> text(String text, WebSocketConnection connection) {
        return connection.close(CloseReasons.of(TerminalCloseCodes.POLICY_VIOLATION, "the event socket takes no messages"));
    }

    @OnError
    public Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        LOG.errorf(failure, "event socket %s failed", connection.id());
        return connection.close(CloseReasons.afterFailure(failure));
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        LOG.debugf("event socket %s closed", connection.id());
    }
}
