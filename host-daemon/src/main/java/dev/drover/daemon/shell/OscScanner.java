package dev.drover.daemon.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds shell integration marks in a session's output bytes and tells {@link ShellSignals} about them:
 * <ul>
 * <li>{@code OSC 7 ; file://<host><path>}: the working directory (path percent-decoded as UTF-8);</li>
 * <li>{@code OSC 133 ; A|B|C|D[;<exit code>]} (FinalTerm's semantic prompt marks): prompt start,
 * command input start, command running, command finished;</li>
 * <li>VS Code's {@code OSC 633}: {@code A}–{@code D} as in 133, {@code E;<command line>[;<nonce>]} with
 * {@code \\} for a backslash and {@code \xHH} for any other byte (VS Code escapes {@code ;} and
 * control characters so), and {@code P;Cwd=<path>} (escaped the same way).</li>
 * </ul>
 * An OSC ends with BEL or ST ({@code ESC \}); CAN or SUB abandon it, and so does an ESC followed by
 * anything but {@code \} (that ESC starts the next sequence). Sequences may be split across calls at
 * any byte. A payload longer than {@link #MAX_PAYLOAD} bytes is dropped whole, and malformed marks
 * are ignored. Outside an OSC a byte costs one comparison. Not thread-safe: one feeding thread.
 */
final class OscScanner {

    /** The longest OSC payload kept; longer ones are ignored. */
    static final int MAX_PAYLOAD = 4096;

    private static final byte ESC = 0x1b;
    private static final byte BEL = 0x07;
    private static final byte CAN = 0x18;
    private static final byte SUB = 0x1a;
    private static final String FILE_URL = "file://";
    private static final String CWD_PROPERTY = "Cwd=";

    private enum State {
        GROUND, ESCAPE, PAYLOAD, PAYLOAD_ESCAPE
    }

    private final ShellSignals signals;
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private int length;
    private boolean overflow;
    private State state = State.GROUND;

    OscScanner(ShellSignals signals) {
        this.signals = signals;
    }

    /** Scans {@code bytes[from, from + count)}, continuing any sequence an earlier call left open. */
    void scan(byte[] bytes, int from, int count) {
        int end = from + count;
        int i = from;
        while (i < end) {
            switch (state) {
                case GROUND -> {
                    while (i < end && bytes[i] != ESC) {
                        i++;
                    }
                    if (i < end) {
                        state = State.ESCAPE;
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
            dispatch(new String(payload, 0, length, StandardCharsets.ISO_8859_1));
        }
    }

    /** {@code osc} holds the payload's bytes one char each (ISO-8859-1), decoded to UTF-8 where text is wanted. */
    private void dispatch(String osc) {
        if (osc.startsWith("7;")) {
            fileUrlPath(osc.substring(2)).ifPresent(signals::workingDirectory);
        } else if (osc.startsWith("133;")) {
            mark(osc.substring(4).split(";", -1));
        } else if (osc.startsWith("633;")) {
            String[] fields = osc.substring(4).split(";", -1);
            switch (fields[0]) {
                case "E" -> {
                    if (fields.length > 1) {
                        unescape(fields[1]).ifPresent(signals::commandLine);
                    }
                }
                case "P" -> {
                    if (fields.length > 1 && fields[1].startsWith(CWD_PROPERTY)) {
                        unescape(fields[1].substring(CWD_PROPERTY.length()))
                                .filter(path -> path.startsWith("/"))
                                .ifPresent(signals::workingDirectory);
                    }
                }
                default -> mark(fields);
            }
        }
    }

    private void mark(String[] fields) {
        switch (fields[0]) {
            case "A" -> signals.promptStarted();
            case "B" -> signals.commandInputStarted();
            case "C" -> signals.commandExecuted();
            case "D" -> signals.commandFinished(fields.length > 1 ? exitCode(fields[1]) : null);
            default -> {
            }
        }
    }

    private static Integer exitCode(String field) {
        if (field.isEmpty() || field.length() > 10) {
            return null;
        }
        try {
            return Integer.valueOf(field);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The percent-decoded path of a {@code file://host/path} URL. */
    static Optional<String> fileUrlPath(String url) {
        if (!url.regionMatches(true, 0, FILE_URL, 0, FILE_URL.length())) {
            return Optional.empty();
        }
        int slash = url.indexOf('/', FILE_URL.length());
        if (slash < 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream path = new ByteArrayOutputStream(url.length() - slash);
        for (int i = slash; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2))) {
                path.write(HexFormat.fromHexDigits(url, i + 1, i + 3));
                i += 2;
            } else {
                path.write(c);
            }
        }
        return Optional.of(path.toString(StandardCharsets.UTF_8));
    }

    /** Undoes VS Code's OSC 633 escaping: {@code \\} is a backslash, {@code \xHH} the byte HH. */
    static Optional<String> unescape(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.write(c);
            } else if (i + 1 < value.length() && value.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < value.length() && value.charAt(i + 1) == 'x' && isHex(value.charAt(i + 2))
                    && isHex(value.charAt(i + 3))) {
                out.write(HexFormat.fromHexDigits(value, i + 2, i + 4));
                i += 3;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
