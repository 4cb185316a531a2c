package dev.drover.hub.live.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.drover.hub.host.rest.HostView;
import dev.drover.hub.session.rest.SessionView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/** JSON text frames the hub sends on the event socket ({@code /api/v1/events}); see docs/api/events.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LiveMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = LiveMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = LiveMessage.SessionChanged.class, name = "session"),
        @JsonSubTypes.Type(value = LiveMessage.SessionRemoved.class, name = "session-removed"),
        @JsonSubTypes.Type(value = LiveMessage.HostChanged.class, name = "host"),
        @JsonSubTypes.Type(value = LiveMessage.HostRemoved.class, name = "host-removed"),
        @JsonSubTypes.Type(value = LiveMessage.Notice.class, name = "notice"),
        @JsonSubTypes.Type(value = LiveMessage.ConversationMessages.class, name = "conversation-messages"),
})
@RegisterForReflection
public sealed interface LiveMessage {

    /** The version of this contract; a client that knows an older one reloads the page. */
    int PROTOCOL = 1;

    /**
     * First on every connection, and again when the hub may have missed changes: what the client
     * holds may be stale, so it fetches its lists again. Events follow from here on, without gaps.
     */
    @RegisterForReflection
    record Hello(int protocol, long heartbeatSeconds) implements LiveMessage {
    }

    /** Sent every {@code heartbeatSeconds}, so a client can tell a dead connection from a quiet one. */
    @RegisterForReflection
    record Heartbeat() implements LiveMessage {
    }

    /**
     * A session as {@code GET /api/v1/sessions/{id}} would answer now; {@code created} when it is new
     * (a list it belongs in should fetch again), else it changed.
     */
    @RegisterForReflection
    record SessionChanged(SessionView session, boolean created) implements LiveMessage {
    }

    @RegisterForReflection
    record SessionRemoved(UUID id) implements LiveMessage {
    }

    /** A host as {@code GET /api/v1/hosts/{id}} would answer now. */
    @RegisterForReflection
    record HostChanged(HostView host) implements LiveMessage {
    }

    /** A host that is no longer listed (removed). */
    @RegisterForReflection
    record HostRemoved(UUID id) implements LiveMessage {
    }

    /** A message for the person looking, such as a budget warning; {@code sessionId} may be null. */
    @RegisterForReflection
    record Notice(String kind, String message, UUID sessionId) implements LiveMessage {
    }

    /** A conversation of the archive has messages up to {@code lastSeq}: an open view fetches {@code messages?after=}. */
    @RegisterForReflection
    record ConversationMessages(UUID conversationId, long lastSeq) implements LiveMessage {
    }
}
