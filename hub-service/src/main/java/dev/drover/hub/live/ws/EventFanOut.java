package dev.drover.hub.live.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.host.rest.HostView;
import dev.drover.hub.live.service.ConversationGrew;
import dev.drover.hub.live.service.FeatureChange;
import dev.drover.hub.live.service.LiveChange;
import dev.drover.hub.live.service.Notice;
import dev.drover.hub.session.rest.SessionView;
import dev.drover.hub.session.service.SessionShareChanged;
import dev.drover.hub.web.CloseReasons;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sends each {@link LiveChange}, {@link FeatureChange} and {@link Notice} to the event sockets allowed to see it,
 * serialized once: a session only to admins, its owner and the people it is shared with (ADR 0028), another
 * feature's change (a prompt's delivery) only to admins and the person it names. A reader that holds more than {@code drover.hub.events.max-unsent} unsent
 * characters is closed ({@value #TOO_SLOW}) instead of buffered further. Also sends heartbeats.
 * Sockets of logins that ended are closed by {@link dev.drover.hub.auth.ws.SignedOutSockets}, as the terminal's.
 */
@ApplicationScoped
public class EventFanOut {

    /** Close code for a reader that fell too far behind. */
    public static final int TOO_SLOW = 4429;
    private static final Logger LOG = Logger.getLogger(EventFanOut.class);

    private final OpenConnections connections;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final HubConfig config;
    private final Vertx vertx;
    private long heartbeatTimer = -1;

    public EventFanOut(OpenConnections connections, ObjectMapper mapper, HubConfig config, Vertx vertx) {
        this.connections = connections;
        this.mapper = mapper;
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
        switch (change) {
            case LiveChange.SessionChanged changed -> toThose(
                    new LiveMessage.SessionChanged(SessionView.of(changed.session()), changed.created()),
                    subscriber -> subscriber.maySee(changed.session().session().createdBy, changed.sharedWith()));
            case LiveChange.SessionRemoved removed -> toEveryone(new LiveMessage.SessionRemoved(removed.id()));
            case LiveChange.HostChanged changed -> toEveryone(new LiveMessage.HostChanged(HostView.of(changed.host(),
                    changed.online())));
            case LiveChange.HostRemoved removed -> toEveryone(new LiveMessage.HostRemoved(removed.id()));
            case LiveChange.Resync resync -> toEveryone(hello());
        }
    }

    void featureChanged(@Observes FeatureChange change) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", change.type());
        message.put(change.field(), change.body());
        String text;
        try {
            text = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + change.type() + " event", e);
        }
        sendToThose(text, subscriber -> subscriber.admin() || subscriber.account().equals(change.account()));
    }

    void notice(@Observes Notice notice) {
        toThose(new LiveMessage.Notice(notice.kind(), notice.message(), notice.sessionId()),
                subscriber -> subscriber.mayReceive(notice.audience()));
    }

    /** New messages of an archived conversation, to those who may see it (a host's own runs: admins only). */
    void conversationGrew(@Observes ConversationGrew grew) {
        toThose(new LiveMessage.ConversationMessages(grew.conversationId(), grew.lastSeq()),
                subscriber -> grew.createdBy() == null ? subscriber.admin() : subscriber.maySee(grew.createdBy(), grew.sharedWith()));
    }

    /** A session no longer shared with someone is gone from their pages (unless they see it otherwise). */
    void shareChanged(@Observes SessionShareChanged changed) {
        if (changed.access() == null) {
            toThose(new LiveMessage.SessionRemoved(changed.sessionId()),
                    subscriber -> subscriber.account().equals(changed.username()) && !subscriber.admin());
        }
    }

    private LiveMessage.Hello hello() {
        return new LiveMessage.Hello(LiveMessage.PROTOCOL, config.events().heartbeatInterval().toSeconds());
    }

    private void toEveryone(LiveMessage message) {
        toThose(message, subscriber -> true);
    }

    /** Sends the message, serialized once, to the readers {@code allowed} lets through. */
    private void toThose(LiveMessage message, Predicate<EventSubscriber> allowed) {
        sendToThose(json(message), allowed);
    }

    private void sendToThose(String text, Predicate<EventSubscriber> allowed) {
        for (WebSocketConnection connection : connections.findByEndpointId(EventSocket.ID)) {
            EventSubscriber subscriber = connection.userData().get(EventUpgradeCheck.SUBSCRIBER);
            if (subscriber != null && allowed.test(subscriber)) {
                send(connection, text);
            }
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
