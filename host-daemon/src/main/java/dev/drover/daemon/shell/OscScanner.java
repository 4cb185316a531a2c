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
 * Sequences are split by {@link OscTokenizer}; a payload longer than {@link #MAX_PAYLOAD} bytes is
 * dropped whole, and malformed marks are ignored. Not thread-safe: one feeding thread.
 */
final class OscScanner {

    /** The longest OSC payload kept; longer ones are ignored. */
    static final int MAX_PAYLOAD = 4096;

    private static final String FILE_URL = "file://";
    private static final String CWD_PROPERTY = "Cwd=";

    private final ShellSignals signals;
    private final OscTokenizer tokenizer;

    OscScanner(ShellSignals signals) {
        this.signals = signals;
        this.tokenizer = new OscTokenizer(MAX_PAYLOAD, new OscTokenizer.Sink() {
            @Override
            public void osc(byte[] payload, int length) {
                dispatch(new String(payload, 0, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void bell() {
                // a bell is no shell mark
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
