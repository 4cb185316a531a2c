package dev.drover.hub.web;

import io.quarkus.websockets.next.CloseReason;

import java.nio.charset.StandardCharsets;

/** Close reasons that fit a WebSocket close frame (at most 123 bytes of UTF-8). */
public final class CloseReasons {

    private static final int MAX_BYTES = 123;

    private CloseReasons() {
    }

    public static CloseReason of(int code, String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return new CloseReason(code, text);
    }
}
