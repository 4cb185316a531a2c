package dev.drover.hub.terminal.ws;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import org.jboss.logging.Logger;

import java.lang.reflect.Method;

/**
 * Stops and resumes reading a viewer's socket, so a viewer who types faster than the session takes
 * input is held back by TCP instead of filling the hub's memory. websockets-next offers no pause,
 * so this calls the Vert.x socket under the connection (its package-private {@code webSocket()},
 * registered for reflection for native images). Without it, messages still wait one by one (the
 * endpoint's next message runs when the previous one's answer completed), only in memory, and
 * without bound: websockets-next queues every message the socket delivers meanwhile.
 */
@RegisterForReflection(classNames = SocketReads.CONNECTION_BASE, methods = true, fields = false)
final class SocketReads {

    static final String CONNECTION_BASE = "io.quarkus.websockets.next.runtime.WebSocketConnectionBase";
    private static final Logger LOG = Logger.getLogger(SocketReads.class);
    private static final Method WEB_SOCKET = webSocketMethod();

    private final WebSocketBase socket;

    private SocketReads(WebSocketBase socket) {
        this.socket = socket;
    }

    static SocketReads of(WebSocketConnection connection) {
        if (WEB_SOCKET != null) {
            try {
                return new SocketReads((WebSocketBase) WEB_SOCKET.invoke(connection));
            } catch (ReflectiveOperationException | ClassCastException e) {
                LOG.debugf("viewer sockets cannot be paused: %s", e.toString());
            }
        }
        return new SocketReads(null);
    }

    private static Method webSocketMethod() {
        try {
            Method method = Class.forName(CONNECTION_BASE).getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("viewer sockets cannot be paused, input waits in memory instead: %s", e.toString());
            return null;
        }
    }

    /** Stops reading; call on the socket's event loop. Answers false when the socket cannot be paused. */
    boolean pause() {
        if (socket == null) {
            return false;
        }
        socket.pause();
        return true;
    }

    /** Reads again; call on the socket's event loop. */
    void resume() {
        if (socket != null) {
            socket.resume();
        }
    }
}
