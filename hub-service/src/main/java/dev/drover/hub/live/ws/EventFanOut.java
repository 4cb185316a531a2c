package dev.drover.hub.live.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.host.rest.HostView;
import dev.drover.hub.live.service.LiveChange;
import dev.drover.hub.live.service.Notice;
import dev.drover.hub.prompt.rest.DeliveryView;
import dev.drover.hub.prompt.service.DeliveryChanged;
import dev.drover.hub.session.rest.SessionView;
import dev.drover.hub.web.CloseReasons;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Sends each {@link LiveChange}, {@link DeliveryChanged} and {@link Notice} to the event sockets allowed to see it,
 * serialized once. A reader that holds more than {@code drover.hub.events.max-unsent} unsent
 * characters is closed ({@value #TOO_SLOW}) instead of buffered further. Also sends heartbeats.
 * Sockets of logins that ended are closed by {@link dev.drover.hub.auth.ws.SignedOutSockets}, as the terminal's.
 */
@ApplicationScoped
public class EventFanOut {

    /** Close code for a reader that fell too far behind. */
    public static final int TOO_SLOW = 4429;
    private static final Logger LOG = Logger.getLogger(EventFanOut.class);

    private final OpenConnections connections;
    private final ObjectWriter writer;
    private final HubConfig config;
    private final Vertx vertx;
    private long heartbeatTimer = -1;

    public EventFanOut(OpenConnections connections, ObjectMapper mapper, HubConfig config, Vertx vertx) {
        this.connections = connections;
        this.writer = mapper.writerFor(LiveMessage.class);
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(config.events().heartbeatInterval().toMillis(),
                id -> toEveryone(new LiveMessage.Heartbeat()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(heartbeatTimer);
    }

    /** The first message on a new socket. */
    void hello(WebSocketConnection connection) {
        send(connection, json(hello()));
    }

    void changed(@Observes LiveChange change) {
        toEveryone(switch (change) {
            case LiveChange.SessionChanged changed -> new LiveMessage.SessionChanged(SessionView.of(changed.session()),
                    changed.created());
            case LiveChange.SessionRemoved removed -> new LiveMessage.SessionRemoved(removed.id());
            case LiveChange.HostChanged changed -> new LiveMessage.HostChanged(HostView.of(changed.host(), changed.online()));
            case LiveChange.HostRemoved removed -> new LiveMessage.HostRemoved(removed.id());
            case LiveChange.Resync resync -> hello();
        });
    }

    void deliveryChanged(@Observes DeliveryChanged changed) {
        toEveryone(new LiveMessage.PromptDeliveryChanged(DeliveryView.of(changed.delivery())));
    }

    void notice(@Observes Notice notice) {
        String text = json(new LiveMessage.Notice(notice.kind(), notice.message(), notice.sessionId()));
        for (WebSocketConnection connection : connections.findByEndpointId(EventSocket.ID)) {
            EventSubscriber subscriber = connection.userData().get(EventUpgradeCheck.SUBSCRIBER);
            if (subscriber != null && subscriber.mayReceive(notice.audience())) {
                send(connection, text);
            }
        }
    }

    private LiveMessage.Hello hello() {
        return new LiveMessage.Hello(LiveMessage.PROTOCOL, config.events().heartbeatInterval().toSeconds());
    }

    private void toEveryone(LiveMessage message) {
        String text = json(message);
        for (WebSocketConnection connection : connections.findByEndpointId(EventSocket.ID)) {
            send(connection, text);
        }
    }

    private void send(WebSocketConnection connection, String text) {
        EventSubscriber subscriber = connection.userData().get(EventUpgradeCheck.SUBSCRIBER);
        if (subscriber == null || connection.isClosed()) {
            return;
        }
        long max = config.events().maxUnsent();
        if (!subscriber.offer(connection, text, max)) {
            LOG.infof("event socket %s of %s fell more than %d characters behind; closing it", connection.id(),
                    subscriber.account(), max);
            connection.close(CloseReasons.of(TOO_SLOW, "too slow: more than " + max + " characters unsent"))
                    .subscribe().with(ignored -> { }, failure -> LOG.debugf("closing a slow event socket: %s", failure.getMessage()));
        }
    }

    private String json(LiveMessage message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }
}
