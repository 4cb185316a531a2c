package dev.drover.daemon.activity;

import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.TerminalDataStream;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TerminalOutputStream;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The daemon's terminal model (the same JediTerm emulator core) fed chunk by chunk for a replay: after
 * {@link #feed} the emulator has taken every byte, as the daemon's model has when it calls
 * {@code caughtUp}. The emulator reads on its own thread, which waits for more input between chunks.
 */
final class ReplayScreen implements AutoCloseable {

    private final TerminalTextBuffer buffer;
    private final Input input = new Input();
    private final Thread reader;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    ReplayScreen(int cols, int rows) {
        StyleState style = new StyleState();
        buffer = new TerminalTextBuffer(cols, rows, style, 1000, null);
        JediTerminal terminal = new JediTerminal(new Display(), buffer, style);
        terminal.setTerminalOutput(new Discard());
        JediEmulator emulator = new JediEmulator(input, terminal);
        reader = Thread.ofPlatform().name("replay-screen").daemon().start(() -> {
            try {
                while (true) {
                    emulator.next();
                }
            } catch (Exception e) {
                input.stopped();
            }
        });
    }

    /** Hands {@code bytes} to the emulator and waits until it took them all. */
    void feed(byte[] bytes) throws InterruptedException {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = in.slice();
        input.add(out.flip());
    }

    /** The visible screen, one line per row. */
    String text() {
        return buffer.getScreenLines();
    }

    @Override
    public void close() {
        reader.interrupt();
    }

    /** Chars the test adds and the emulator takes; {@link #add} returns once the emulator waits for more. */
    private static final class Input implements TerminalDataStream {

        private final Deque<Character> chars = new ArrayDeque<>();
        private boolean waiting;
        private boolean stopped;

        synchronized void add(CharBuffer text) throws InterruptedException {
            while (text.hasRemaining()) {
                chars.addLast(text.get());
            }
            waiting = false;
            notifyAll();
            while (!stopped && !(waiting && chars.isEmpty())) {
                wait();
            }
        }

        synchronized void stopped() {
            stopped = true;
            notifyAll();
        }

        @Override
        public synchronized char getChar() throws java.io.IOException {
            while (chars.isEmpty()) {
                waiting = true;
                notifyAll();
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new java.io.EOFException();
                }
            }
            return chars.pollFirst();
        }

        @Override
        public synchronized void pushChar(char c) {
            chars.addFirst(c);
        }

        @Override
        public synchronized String readNonControlCharacters(int max) {
            StringBuilder text = new StringBuilder();
            while (text.length() < max && !chars.isEmpty() && chars.peekFirst() >= 0x20 && chars.peekFirst() != 0x7f) {
                text.append(chars.pollFirst());
            }
            return text.toString();
        }

        @Override
        public synchronized void pushBackBuffer(char[] buffer, int count) {
            for (int i = count - 1; i >= 0; i--) {
                chars.addFirst(buffer[i]);
            }
        }

        @Override
        public synchronized boolean isEmpty() {
            return chars.isEmpty();
        }
    }

    private static final class Display implements TerminalDisplay {
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
        }
    }

    private static final class Discard implements TerminalOutputStream {
        @Override
        public void sendBytes(byte[] bytes, boolean userInput) {
        }

        @Override
        public void sendString(String string, boolean userInput) {
        }
    }
}
