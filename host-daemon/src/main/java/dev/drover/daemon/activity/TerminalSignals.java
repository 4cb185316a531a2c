package dev.drover.daemon.activity;

import java.nio.charset.StandardCharsets;

/**
 * Finds what a session's output bytes say about its agent, besides the screen: terminal titles
 * ({@code OSC 0} and {@code OSC 2}), notifications ({@code OSC 9 ; text}, {@code OSC 777 ; notify ;
 * title ; body}, and a BEL outside any sequence) and every other OSC payload (e.g. Codex's
 * {@code OSC 7501 ; state=working}). ConEmu's progress reports ({@code OSC 9 ; 4 ; …}) are payloads,
 * not notifications. An OSC ends with BEL or ST; CAN or SUB abandon it, and so does an ESC followed
 * by anything but {@code \}. Sequences may be split across calls at any byte; a payload longer than
 * {@link #MAX_PAYLOAD} bytes is dropped. Outside an OSC a byte costs two comparisons. Not
 * thread-safe: one feeding thread.
 */
final class TerminalSignals {

    /** What the scanner found, in output order. */
    interface Listener {

        /** The terminal title is now {@code title}. */
        void title(String title);

        /** The agent asked for attention: {@code kind} is {@code BEL}, {@code OSC 9} or {@code OSC 777}; {@code text} its message or null. */
        void notification(String kind, String text);

        /** Any other OSC sequence's payload, e.g. {@code 7501;state=idle:app=codex}. */
        void osc(String payload);
    }

    static final int MAX_PAYLOAD = 1024;

    private static final byte ESC = 0x1b;
    private static final byte BEL = 0x07;
    private static final byte CAN = 0x18;
    private static final byte SUB = 0x1a;

    private enum State {
        GROUND, ESCAPE, PAYLOAD, PAYLOAD_ESCAPE
    }

    private final Listener listener;
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private int length;
    private boolean overflow;
    private State state = State.GROUND;

    TerminalSignals(Listener listener) {
        this.listener = listener;
    }

    /** Scans {@code bytes[from, from + count)}, continuing any sequence an earlier call left open. */
    void scan(byte[] bytes, int from, int count) {
        int end = from + count;
        int i = from;
        while (i < end) {
            switch (state) {
                case GROUND -> {
                    while (i < end && bytes[i] != ESC && bytes[i] != BEL) {
                        i++;
                    }
                    if (i < end) {
                        if (bytes[i] == BEL) {
                            listener.notification("BEL", null);
                        } else {
                            state = State.ESCAPE;
                        }
                        i++;
                    }
                }
                case ESCAPE -> {
                    byte b = bytes[i++];
                    if (b == ']') {
                        length = 0;
                        overflow = false;
                        state = State.PAYLOAD;
                    } else if (b != ESC) {
                        state = State.GROUND;
                    }
                }
                case PAYLOAD -> i = payload(bytes, i, end);
                case PAYLOAD_ESCAPE -> {
                    if (bytes[i] == '\\') {
                        i++;
                        finish();
                    } else {
                        state = State.ESCAPE;
                    }
                }
            }
        }
    }

    /** Forgets a sequence left open: the bytes that follow do not continue it. */
    void reset() {
        state = State.GROUND;
    }

    private int payload(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end) {
            byte b = bytes[i++];
            if (b == BEL) {
                finish();
                return i;
            }
            if (b == ESC) {
                state = State.PAYLOAD_ESCAPE;
                return i;
            }
            if (b == CAN || b == SUB) {
                state = State.GROUND;
                return i;
            }
            if (length < MAX_PAYLOAD) {
                payload[length++] = b;
            } else {
                overflow = true;
            }
        }
        return i;
    }

    private void finish() {
        state = State.GROUND;
        if (!overflow) {
            dispatch(new String(payload, 0, length, StandardCharsets.UTF_8));
        }
    }

    private void dispatch(String osc) {
        if (osc.startsWith("0;") || osc.startsWith("2;")) {
            listener.title(osc.substring(2));
        } else if (osc.startsWith("9;") && !osc.startsWith("9;4;")) {
            listener.notification("OSC 9", osc.substring(2));
        } else if (osc.startsWith("777;notify;")) {
            String[] parts = osc.split(";", 4);
            listener.notification("OSC 777", parts.length > 3 ? parts[3] : parts.length > 2 ? parts[2] : null);
        } else if (!osc.isEmpty() && !osc.endsWith(";?")) {
            listener.osc(osc);
        }
    }
}
