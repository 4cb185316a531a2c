package dev.drover.hub.web;

import dev.drover.protocol.terminal.TerminalCloseCodes;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.websockets.next.CloseReason;

import java.nio.charset.StandardCharsets;

/** Close reasons that fit a WebSocket close frame (at most 123 bytes of UTF-8). */
public final class CloseReasons {

    private static final int MAX_BYTES = 123;

    private CloseReasons() {
    }

    /**
     * How a socket closes after a failure its handlers did not expect: 1008 when the peer is no longer allowed,
     * else 1011. The reason is fixed, never the failure's text (which may name the hub's classes or data).
     */
    public static CloseReason afterFailure(Throwable failure) {
        if (failure instanceof AuthenticationException || failure instanceof ForbiddenException
                || failure instanceof UnauthorizedException) {
            return new CloseReason(TerminalCloseCodes.POLICY_VIOLATION, "not allowed");
        }
        return new CloseReason(TerminalCloseCodes.INTERNAL_ERROR, "internal error");
    }

    public static CloseReason of(int code, String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return new CloseReason(code, text);
    }
}
