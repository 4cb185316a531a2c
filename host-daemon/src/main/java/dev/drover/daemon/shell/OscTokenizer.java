package dev.drover.daemon.shell;

/**
 * Splits a session's output bytes into OSC payloads and bells outside any sequence, for the
 * scanners that read meaning into them (shell marks, agent titles and notifications). An OSC
 * ({@code ESC ]}) ends with BEL or ST ({@code ESC \}); CAN or SUB abandon it, and so does an ESC
 * followed by anything but {@code \} (that ESC starts the next sequence). Sequences may be split
 * across calls at any byte; a payload longer than the tokenizer's limit is dropped whole. Outside an
 * OSC a byte costs two comparisons. Not thread-safe: one feeding thread.
 */
public final class OscTokenizer {

    /** What the tokenizer found, in output order. */
    public interface Sink {

        /** One complete OSC payload, {@code payload[0, length)}; the array is reused after the call. */
        void osc(byte[] payload, int length);

        /** A BEL outside any sequence. */
        void bell();
    }

    private static final byte ESC = 0x1b;
    private static final byte BEL = 0x07;
    private static final byte CAN = 0x18;
    private static final byte SUB = 0x1a;

    private enum State {
        GROUND, ESCAPE, PAYLOAD, PAYLOAD_ESCAPE
    }

    private final Sink sink;
    private final byte[] payload;
    private int length;
    private boolean overflow;
    private State state = State.GROUND;

    /** A tokenizer that keeps payloads of up to {@code maxPayload} bytes. */
    public OscTokenizer(int maxPayload, Sink sink) {
        this.payload = new byte[maxPayload];
        this.sink = sink;
    }

    /** Scans {@code bytes[from, from + count)}, continuing any sequence an earlier call left open. */
    public void scan(byte[] bytes, int from, int count) {
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
                            sink.bell();
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
    public void reset() {
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
            if (length < payload.length) {
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
            sink.osc(payload, length);
        }
    }
}
