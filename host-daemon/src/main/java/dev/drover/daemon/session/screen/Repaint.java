package dev.drover.daemon.session.screen;

import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TerminalMode;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes what a terminal model shows as escape sequences a viewer's terminal replays to show the
 * same: clear, the scrollback (up to the configured lines and a byte budget), the visible screen
 * with SGR attributes, the cursor, and the modes a viewer needs (alternate screen, bracketed
 * paste, application cursor keys, cursor visibility). The caller holds the buffer's lock.
 */
final class Repaint {

    /** The cell JediTerm puts after a double-width character; the viewer's terminal makes its own. */
    static final char DOUBLE_WIDTH_FILLER = '\uE000';

    private final TerminalTextBuffer buffer;
    private final int scrollback;

    Repaint(TerminalTextBuffer buffer, int scrollback) {
        this.buffer = buffer;
        this.scrollback = scrollback;
    }

    /**
     * A repaint's text, and the UTF-8 byte index in it where the scrollback ends and the screen
     * (with the cursor and modes after it) begins.
     */
    record Rendered(String text, int screenAt) {
    }

    /** The repaint, of at most about {@code maxBytes}: the oldest scrollback lines go first. */
    Rendered render(JediTerminal terminal, boolean cursorVisible, boolean bracketedPaste, int maxBytes) {
        StringBuilder out = new StringBuilder("\u001b[0m\u001b[H\u001b[2J\u001b[3J");
        int rows = buffer.getHeight();
        StringBuilder screen = new StringBuilder();
        for (int y = 0; y < rows; y++) {
            TerminalLine line = buffer.getLine(y);
            int columns = line(screen, line);
            if (y < rows - 1) {
                screen.append(rowEnd(line, columns));
            }
        }
        if (!buffer.isUsingAlternateBuffer()) {
            history(out, maxBytes - utf8Length(screen));
        }
        int screenAt = (int) utf8Length(out);
        if (buffer.isUsingAlternateBuffer()) {
            out.append("\u001b[?1049h\u001b[H\u001b[2J");
        }
        out.append(screen);
        out.append("\u001b[").append(terminal.getCursorY()).append(';').append(terminal.getCursorX()).append('H');
        sgr(out, terminal.getStyleState().getCurrent());
        out.append(cursorVisible ? "\u001b[?25h" : "\u001b[?25l");
        if (bracketedPaste) {
            out.append("\u001b[?2004h");
        }
        if (terminal.isModelEnabled(TerminalMode.CursorKey)) {
            out.append("\u001b[?1h");
        }
        return new Rendered(out.toString(), screenAt);
    }

    /** Appends the newest scrollback lines (up to the configured number) that fit {@code budget} bytes. */
    private void history(StringBuilder out, long budget) {
        int history = Math.min(buffer.getHistoryLinesCount(), scrollback);
        Deque<String> lines = new ArrayDeque<>();
        for (int y = -1; y >= -history; y--) {
            StringBuilder text = new StringBuilder();
            TerminalLine line = buffer.getLine(y);
            text.append(rowEnd(line, line(text, line)));
            budget -= utf8Length(text);
            if (budget < 0) {
                break;
            }
            lines.addFirst(text.toString());
        }
        lines.forEach(out::append);
    }

    private static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    /**
     * What follows a row in a repaint: nothing after a row that wraps onto the next one and is full
     * to the last column (the viewer's terminal wraps there itself, so it knows the two rows as one
     * line and reflows them on a resize as tmux does), else CRLF.
     */
    private String rowEnd(TerminalLine line, int columns) {
        return line.isWrapped() && columns >= buffer.getWidth() ? "" : "\r\n";
    }

    /** Appends one row with its SGR attributes; returns the number of cells it covers. */
    static int line(StringBuilder out, TerminalLine line) {
        StringBuilder text = new StringBuilder();
        int[] column = {0};
        line.process(0, new StyledTextConsumer() {
            @Override
            public void consume(int x, int y, TextStyle style, CharBuffer chars, int startRow) {
                while (column[0] < x) {
                    text.append(' ');
                    column[0]++;
                }
                sgr(text, style);
                for (int i = 0; i < chars.length(); i++) {
                    if (chars.charAt(i) != DOUBLE_WIDTH_FILLER) {
                        text.append(chars.charAt(i));
                    }
                }
                column[0] = x + chars.length();
            }

            @Override
            public void consumeNul(int x, int y, int nulIndex, TextStyle style, CharBuffer chars, int startRow) {
            }

            @Override
            public void consumeQueue(int x, int y, int nulIndex, int startRow) {
            }
        }, 0);
        out.append(text).append("\u001b[0m");
        return column[0];
    }

    private static void sgr(StringBuilder out, TextStyle style) {
        out.append("\u001b[0");
        if (style.hasOption(TextStyle.Option.BOLD)) {
            out.append(";1");
        }
        if (style.hasOption(TextStyle.Option.DIM)) {
            out.append(";2");
        }
        if (style.hasOption(TextStyle.Option.ITALIC)) {
            out.append(";3");
        }
        if (style.hasOption(TextStyle.Option.UNDERLINED)) {
            out.append(";4");
        }
        if (style.hasOption(TextStyle.Option.SLOW_BLINK) || style.hasOption(TextStyle.Option.RAPID_BLINK)) {
            out.append(";5");
        }
        if (style.hasOption(TextStyle.Option.INVERSE)) {
            out.append(";7");
        }
        if (style.hasOption(TextStyle.Option.HIDDEN)) {
            out.append(";8");
        }
        color(out, style.getForeground(), 38);
        color(out, style.getBackground(), 48);
        out.append('m');
    }

    private static void color(StringBuilder out, TerminalColor color, int base) {
        if (color == null) {
            return;
        }
        if (color.isIndexed()) {
            out.append(';').append(base).append(";5;").append(color.getColorIndex());
        } else {
            var rgb = color.toColor();
            out.append(';').append(base).append(";2;").append(rgb.getRed()).append(';').append(rgb.getGreen()).append(';')
                    .append(rgb.getBlue());
        }
    }
}
