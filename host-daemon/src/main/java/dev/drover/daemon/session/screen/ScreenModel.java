package dev.drover.daemon.session.screen;

import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TerminalMode;
import com.techsenger.jeditermfx.core.TerminalOutputStream;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.drover.daemon.session.LibC;
import dev.drover.daemon.session.OutputTap;
import dev.drover.daemon.session.SessionLog;
import dev.drover.protocol.daemon.DaemonMessage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * A headless terminal (JediTerm's emulator core, fork {@code jeditermfx-core}) fed with a session's
 * output on its own thread through its own cursor over the log, never by the PTY or keeper reader.
 * It is allowed to lag: its thread has the lowest CPU priority (nice 19) and takes new output in
 * batches (see {@link LogCharStream}), so keystroke echo and streaming output do not wait behind
 * it; a snapshot is exact as of the offset it reports.
 * {@link #snapshot()} renders a repaint: clear, the scrollback (up to the configured lines and
 * {@link DaemonMessage.Screen#MAX_REPAINT_BYTES}), the visible screen with SGR attributes, the
 * cursor, and the modes a viewer needs (alternate screen, bracketed paste, application cursor
 * keys, cursor visibility), exact as of one log offset. Its feed is
 * the one place every output byte of a session passes once, so it also hands them to an {@link OutputTap}.
 */
public final class ScreenModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScreenModel.class);

    /** A repaint of the screen as it was just before the byte at {@code offset}. */
    public record Snapshot(long offset, int cols, int rows, byte[] repaint) {
    }

    /** The cell JediTerm puts after a double-width character; the viewer's terminal makes its own. */
    private static final char DOUBLE_WIDTH_FILLER = '\uE000';
    /** The least number of history lines dropped at once (see {@link #slack}). */
    private static final int MIN_SLACK = 16;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final TerminalTextBuffer buffer;
    private final JediTerminal terminal;
    private final JediEmulator emulator;
    private final LogCharStream stream;
    private final int scrollback;
    /**
     * History lines kept beyond the scrollback, so that old lines are dropped in batches: JediTerm
     * copies its whole history list for every line it drops itself, which made scrolling output
     * cost a copy of the scrollback per line. The model drops lines once it holds more than half
     * the slack beyond the scrollback; JediTerm's own limit (scrollback + slack) is only the bound.
     */
    private final int slack;
    private volatile boolean cursorVisible = true;
    private volatile boolean bracketedPaste;
    private long sequenceStart;

    private ScreenModel(SessionLog log, long from, int cols, int rows, int scrollback, OutputTap tap) {
        this.scrollback = scrollback;
        this.slack = Math.max(scrollback / 8, MIN_SLACK);
        StyleState style = new StyleState();
        this.buffer = new TerminalTextBuffer(cols, rows, style, scrollback + slack, null);
        this.terminal = new JediTerminal(new Display(), buffer, style);
        this.terminal.setTerminalOutput(new Discard());
        this.stream = new LogCharStream(log, from, lock, tap);
        this.emulator = new JediEmulator(stream, terminal);
        this.sequenceStart = from;
    }

    /** Starts a model that follows {@code log} from its oldest retained byte, showing every byte to {@code tap}. */
    public static ScreenModel start(UUID sessionId, SessionLog log, int cols, int rows, int scrollback, OutputTap tap) {
        ScreenModel model = new ScreenModel(log, log.start(), cols, rows, scrollback, tap);
        Thread.ofPlatform().name("screen-" + sessionId).daemon().start(() -> {
            LibC.lowestPriority();
            model.run();
        });
        return model;
    }

    /** A model fed by the caller's thread until the log ends (tests). */
    static ScreenModel replay(SessionLog log, int cols, int rows, int scrollback) {
        ScreenModel model = new ScreenModel(log, log.start(), cols, rows, scrollback, OutputTap.NONE);
        model.run();
        return model;
    }

    /**
     * Feeds the emulator one sequence at a time. Between two sequences it lets a waiting snapshot
     * or resize have the (fair) lock: this thread runs at the lowest priority and may get little
     * CPU, so it never makes an attach wait for more than the sequence it is in.
     */
    private void run() {
        lock.lock();
        try {
            while (true) {
                sequenceStart = stream.offset();
                if (lock.hasQueuedThreads()) {
                    lock.unlock();
                    lock.lock();
                }
                emulator.next();
                trimHistory();
            }
        } catch (EOFException e) {
            sequenceStart = stream.offset();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("terminal model stopped: %s", e.toString());
        } finally {
            lock.unlock();
        }
    }

    /** Drops the history lines beyond the scrollback once there are more than half the slack of them. */
    private void trimHistory() {
        int beyond = buffer.getHistoryLinesCount() - scrollback;
        if (beyond > slack / 2) {
            buffer.lock();
            try {
                buffer.getHistoryBuffer().removeTopLines(beyond);
            } finally {
                buffer.unlock();
            }
        }
    }

    /** Follows a window size the session's terminal now has. */
    public void resize(int cols, int rows) {
        lock.lock();
        try {
            terminal.resize(new TermSize(cols, rows), RequestOrigin.Remote);
        } finally {
            lock.unlock();
        }
    }

    /** The current screen as a repaint, and the offset where the output continues. */
    public Snapshot snapshot() {
        return snapshot(DaemonMessage.Screen.MAX_REPAINT_BYTES);
    }

    /**
     * The current screen as a repaint of at most about {@code maxBytes}: the oldest scrollback
     * lines are left out when all of them would not fit (the screen itself is always complete).
     */
    Snapshot snapshot(int maxBytes) {
        lock.lock();
        buffer.lock();
        try {
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
            if (buffer.isUsingAlternateBuffer()) {
                out.append("\u001b[?1049h\u001b[H\u001b[2J");
            } else {
                history(out, maxBytes - utf8Length(screen));
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
            return new Snapshot(sequenceStart, buffer.getWidth(), rows, out.toString().getBytes(StandardCharsets.UTF_8));
        } finally {
            buffer.unlock();
            lock.unlock();
        }
    }

    /** The visible screen as plain text, one line per row (tests and diagnostics). */
    public String screenText() {
        lock.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            lock.unlock();
        }
    }

    public int cursorX() {
        return terminal.getCursorX();
    }

    public int cursorY() {
        return terminal.getCursorY();
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
    private int line(StringBuilder out, TerminalLine line) {
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

    @Override
    public void close() {
        stream.close();
    }

    /** Keeps the display state a repaint needs; draws nothing. */
    private final class Display implements TerminalDisplay {
        @Override
        public void setCursor(int x, int y) {
        }

        @Override
        public void setCursorShape(CursorShape shape) {
        }

        @Override
        public void beep() {
        }

        @Override
        public void scrollArea(int top, int bottom, int dy) {
        }

        @Override
        public void setCursorVisible(boolean visible) {
            cursorVisible = visible;
        }

        @Override
        public void useAlternateScreenBuffer(boolean enabled) {
        }

        @Override
        public String getWindowTitle() {
            return "";
        }

        @Override
        public void setWindowTitle(String title) {
        }

        @Override
        public TerminalSelection getSelection() {
            return null;
        }

        @Override
        public void terminalMouseModeSet(MouseMode mode) {
        }

        @Override
        public void setMouseFormat(MouseFormat format) {
        }

        @Override
        public boolean ambiguousCharsAreDoubleWidth() {
            return false;
        }

        @Override
        public void setBracketedPasteMode(boolean enabled) {
            bracketedPaste = enabled;
        }
    }

    /** Answers to terminal queries go nowhere: the keeper (tmux) or the viewer answers them. */
    private static final class Discard implements TerminalOutputStream {
        @Override
        public void sendBytes(byte[] bytes, boolean userInput) {
        }

        @Override
        public void sendString(String string, boolean userInput) {
        }
    }
}
