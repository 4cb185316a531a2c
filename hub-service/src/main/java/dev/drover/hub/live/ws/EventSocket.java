package dev.drover.hub.live.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.live.service.SessionViewers;
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

import java.util.UUID;

/**
 * The dashboard's event socket: every session and host change, as committed, pushed to each open
 * page (docs/api/events.md); {@link EventFanOut} decides what each reader gets. A page says which session it shows in
 * a visible tab ({@code {"type":"viewing","sessionId":…}}, null for none), kept by {@link SessionViewers}; any other
 * message closes the socket (1008).
 */
@WebSocket(path = "/api/v1/events", endpointId = EventSocket.ID)
@Authenticated
public class EventSocket {

    static final String ID = "events";
    private static final Logger LOG = Logger.getLogger(EventSocket.class);

    private final EventFanOut fanOut;
    private final SessionViewers viewers;
    private final ObjectMapper json;

    public EventSocket(EventFanOut fanOut, SessionViewers viewers, ObjectMapper json) {
        this.fanOut = fanOut;
        this.viewers = viewers;
        this.json = json;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        fanOut.hello(connection);
    }

    /** Takes which session the page shows in view; anything else closes the socket (1008). */
    @OnTextMessage
    public Uni<Void> text(String text, WebSocketConnection connection) {
        EventSubscriber subscriber = connection.userData().get(EventUpgradeCheck.SUBSCRIBER);
        try {
            JsonNode message = json.readTree(text);
            JsonNode session = message.path("sessionId");
            if (subscriber != null && "viewing".equals(message.path("type").asText()) && (session.isNull() || session.isTextual())) {
                viewers.viewing(connection.id(), subscriber.account(), session.isNull() ? null : UUID.fromString(session.asText()));
                return Uni.createFrom().voidItem();
            }
        } catch (Exception e) {
            LOG.debugf("event socket %s sent %s", connection.id(), e.getMessage());
        }
        return connection.close(CloseReasons.of(TerminalCloseCodes.POLICY_VIOLATION,
                "the event socket takes only {\"type\":\"viewing\",\"sessionId\":…}"));
    }

    @OnError
    public Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        LOG.errorf(failure, "event socket %s failed", connection.id());
        return connection.close(CloseReasons.afterFailure(failure));
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        viewers.closed(connection.id());
        LOG.debugf("event socket %s closed", connection.id());
    }
}
