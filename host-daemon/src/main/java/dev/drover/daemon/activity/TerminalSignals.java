package dev.drover.daemon.activity;

import dev.drover.daemon.shell.OscTokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Finds what a session's output bytes say about its agent, besides the screen: terminal titles
 * ({@code OSC 0} and {@code OSC 2}), notifications ({@code OSC 9 ; text}, {@code OSC 777 ; notify ;
 * title ; body}, and a BEL outside any sequence) and every other OSC payload (e.g. Codex's
 * {@code OSC 7501 ; state=working}). ConEmu's progress reports ({@code OSC 9 ; 4 ; …}) are payloads,
 * not notifications. Sequences are split by {@link OscTokenizer}; a payload longer than
 * {@link #MAX_PAYLOAD} bytes is dropped. Not thread-safe: one feeding thread.
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

    private final Listener listener;
    private final OscTokenizer tokenizer;

    TerminalSignals(Listener listener) {
        this.listener = listener;
        this.tokenizer = new OscTokenizer(MAX_PAYLOAD, new OscTokenizer.Sink() {
            @Override
            public void osc(byte[] payload, int length) {
                dispatch(new String(payload, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void bell() {
                listener.notification("BEL", null);
            }
        });
    }

    /** Scans {@code bytes[from, from + count)}, continuing any sequence an earlier call left open. */
    void scan(byte[] bytes, int from, int count) {
        tokenizer.scan(bytes, from, count);
    }

    /** Forgets a sequence left open: the bytes that follow do not continue it. */
    void reset() {
        tokenizer.reset();
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
