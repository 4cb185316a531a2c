package dev.drover.hub.live.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which session each open page shows in a visible tab, as its event socket last said (ADR 0034): a person who has a
 * session in view is not sent webhooks about it. Kept per socket, forgotten when the socket closes; nothing is stored.
 */
@ApplicationScoped
public class SessionViewers {

    private record Viewing(String account, UUID sessionId) {
    }

    private final Map<String, Viewing> bySocket = new ConcurrentHashMap<>();

    /** The socket {@code socketId} of {@code account} now shows {@code sessionId} in view, or none with null. */
    public void viewing(String socketId, String account, UUID sessionId) {
        if (sessionId == null) {
            bySocket.remove(socketId);
        } else {
            bySocket.put(socketId, new Viewing(account, sessionId));
        }
    }

    /** The socket closed. */
    public void closed(String socketId) {
        bySocket.remove(socketId);
    }

    /** Whether one of {@code account}'s pages shows {@code sessionId} in a visible tab now. */
    public boolean watching(String account, UUID sessionId) {
        return bySocket.containsValue(new Viewing(account, sessionId));
    }
}
