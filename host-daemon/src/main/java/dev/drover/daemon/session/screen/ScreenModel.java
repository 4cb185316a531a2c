package dev.drover.daemon.session.screen;

import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TerminalOutputStream;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.drover.daemon.session.LibC;
import dev.drover.daemon.session.OutputTap;
import dev.drover.daemon.session.SessionLog;
import dev.drover.protocol.daemon.DaemonMessage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * A headless terminal (JediTerm's emulator core, fork {@code jeditermfx-core}) fed with a session's
 * output on its own thread through its own cursor over the log, never by the PTY or keeper reader.
 * It is allowed to lag: its thread has the lowest CPU priority (nice 19) and takes new output in
 * batches (see {@link LogCharStream}), so keystroke echo and streaming output do not wait behind
 * it; a snapshot is exact as of the offset it reports.
 * {@link #snapshot()} renders a {@link Repaint} of at most
 * {@link DaemonMessage.Screen#MAX_REPAINT_BYTES}, exact as of one log offset. Its feed is
 * the one place every output byte of a session passes once, so it also hands them to an {@link OutputTap}.
 */
public final class ScreenModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScreenModel.class);

    /**
     * A repaint of the screen as it was just before the byte at {@code offset}; its bytes from
     * {@code screenAt} on draw the screen, the ones before clear the terminal and write the scrollback.
     */
    public record Snapshot(long offset, int cols, int rows, byte[] repaint, int screenAt) {
    }

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
        this.stream = new LogCharStream(log, from, lock, tap, this::screenText);
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
            Repaint.Rendered rendered = new Repaint(buffer, scrollback)
                    .render(terminal, cursorVisible, bracketedPaste, maxBytes);
            return new Snapshot(sequenceStart, buffer.getWidth(), buffer.getHeight(),
                    rendered.text().getBytes(StandardCharsets.UTF_8), rendered.screenAt());
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

    /** Whether the session's program asked for bracketed paste ({@code CSI ? 2004 h}) and has not turned it off. */
    public boolean bracketedPaste() {
        return bracketedPaste;
    }

    /**
     * The visible screen, one string per row with trailing blanks removed, the same rows with their
     * SGR attributes (colours, bold, inverse…, each row starting from and ending in the default
     * style), and the log offset they are exact at.
     */
    public Text text() {
        lock.lock();
        buffer.lock();
        try {
            List<String> lines = new ArrayList<>(buffer.getHeight());
            List<String> styled = new ArrayList<>(buffer.getHeight());
            for (int y = 0; y < buffer.getHeight(); y++) {
                TerminalLine line = buffer.getLine(y);
                lines.add(line.getText().replace(String.valueOf(Repaint.DOUBLE_WIDTH_FILLER), "").stripTrailing());
                StringBuilder row = new StringBuilder();
                Repaint.line(row, line);
                styled.add(row.toString());
            }
            return new Text(buffer.getWidth(), buffer.getHeight(), lines, styled, sequenceStart);
        } finally {
            buffer.unlock();
            lock.unlock();
        }
    }

    /** The rows of the visible screen as text, plain and with their SGR attributes, as of the byte before {@code offset}. */
    public record Text(int cols, int rows, List<String> lines, List<String> styledLines, long offset) {
    }

    public int cursorX() {
        return terminal.getCursorX();
    }

    public int cursorY() {
        return terminal.getCursorY();
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
