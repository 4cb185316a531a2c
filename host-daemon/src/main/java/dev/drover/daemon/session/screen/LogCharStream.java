package dev.drover.daemon.session.screen;

import com.techsenger.jeditermfx.core.TerminalDataStream;
import dev.drover.daemon.session.OutputTap;
import dev.drover.daemon.session.ReplayCursor;
import dev.drover.daemon.session.SessionLog;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The emulator's input: the session log decoded as UTF-8 (invalid bytes become U+FFFD), read through
 * its own cursor in 16 KiB chunks, so the model's backlog is the log itself and its memory is fixed.
 * Every decoded char remembers the offset of its first byte, so a snapshot knows exactly which byte
 * it follows. While it waits for bytes it releases the model's lock. Once caught up it takes new
 * output in batches of {@link #BATCH_MILLIS}; while output streams in bulk it waits for it to calm
 * down (the model lags, and a snapshot is exact as of an earlier offset). Every byte read is shown
 * to the model's {@link OutputTap} first, and the tap is told when the model caught up with a batch.
 */
final class LogCharStream implements TerminalDataStream {

    private static final int CHUNK = 16 * 1024;
    /**
     * Once caught up, how long the model waits after new output arrives before it reads: output
     * written meanwhile is taken in one go, and the log's writer wakes this thread at most once per
     * batch instead of on every append.
     */
    private static final long BATCH_MILLIS = 200;
    /** How long a caught-up model sleeps when nothing wakes it (appends and close do). */
    private static final long IDLE_POLL_MILLIS = 1000;
    /** Log growth per batch from which output counts as bulk (5 MiB/s). */
    private static final long BULK_BYTES = 1 << 20;

    private final SessionLog log;
    private final Lock lock;
    private final OutputTap tap;
    private final Supplier<String> screen;
    private final Semaphore wakeups = new Semaphore(0);
    private final Runnable unsubscribe;
    private final byte[] bytes = new byte[CHUNK + 4];
    private final char[] chars = new char[CHUNK + 4];
    private final long[] offsets = new long[CHUNK + 4];
    private final Deque<Character> pushedBack = new ArrayDeque<>();
    private ReplayCursor cursor;
    private int held;
    private int length;
    private int position;
    private volatile boolean closed;
    private long measuredAt = System.nanoTime();
    private long measuredEnd;
    private boolean calm = true;
    /** Whether bytes were read since the tap was last told the model caught up. */
    private boolean fresh;

    LogCharStream(SessionLog log, long from, Lock lock, OutputTap tap, Supplier<String> screen) {
        this.log = log;
        this.lock = lock;
        this.tap = tap;
        this.screen = screen;
        this.cursor = new ReplayCursor(log, from, Long.MAX_VALUE);
        this.unsubscribe = log.onChange(this::wake);
        this.measuredEnd = log.end();
    }

    /** Offset of the first byte not yet handed to the emulator (pushed-back chars count as handed). */
    long offset() {
        if (position < length) {
            return offsets[position];
        }
        return cursor.position() - held;
    }

    void close() {
        closed = true;
        unsubscribe.run();
        wake();
    }

    private void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public char getChar() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        if (position >= length) {
            fill();
        }
        return chars[position++];
    }

    @Override
    public void pushChar(char c) {
        if (pushedBack.isEmpty() && position > 0 && chars[position - 1] == c) {
            position--;
        } else {
            pushedBack.push(c);
        }
    }

    @Override
    public String readNonControlCharacters(int max) {
        StringBuilder text = new StringBuilder();
        while (text.length() < max && !pushedBack.isEmpty() && !isControl(pushedBack.peek())) {
            text.append(pushedBack.pop());
        }
        while (text.length() < max && pushedBack.isEmpty() && position < length && !isControl(chars[position])) {
            text.append(chars[position++]);
        }
        return text.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    @Override
    public void pushBackBuffer(char[] buffer, int count) {
        for (int i = count - 1; i >= 0; i--) {
            pushChar(buffer[i]);
        }
    }

    @Override
    public boolean isEmpty() {
        return pushedBack.isEmpty() && position >= length;
    }

    /** Reads the next chunk, waiting without the model's lock; skips ahead when retention overtook the model. */
    private void fill() throws IOException {
        lock.unlock();
        try {
            while (true) {
                if (closed) {
                    throw new EOFException();
                }
                awaitCalm();
                int n = cursor.read(bytes, held, CHUNK);
                if (n < 0) {
                    cursor = new ReplayCursor(log, log.start(), Long.MAX_VALUE);
                    held = 0;
                    tap.skipped();
                    continue;
                }
                if (n > 0) {
                    fresh = true;
                    tap.bytes(bytes, held, n);
                    decode(n);
                    if (length > 0) {
                        return;
                    }
                    continue;
                }
                if (cursor.exhausted()) {
                    throw new EOFException();
                }
                if (fresh) {
                    fresh = false;
                    tap.caughtUp(screen);
                }
                if (wakeups.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(BATCH_MILLIS);
                }
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EOFException();
        } finally {
            lock.lock();
        }
    }

    /**
     * Waits while the log grows by {@link #BULK_BYTES} or more per {@link #BATCH_MILLIS} (a
     * {@code cat} of a large file, not an agent at work): the model parses bulk output once it
     * calms down instead of competing with it for the CPU. The growth is measured once per batch.
     */
    private void awaitCalm() throws InterruptedException {
        while (!closed) {
            long now = System.nanoTime();
            if (now - measuredAt >= TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS)) {
                long end = log.end();
                calm = end - measuredEnd < BULK_BYTES;
                measuredAt = now;
                measuredEnd = end;
            }
            if (calm) {
                return;
            }
            Thread.sleep(BATCH_MILLIS);
        }
    }

    private void decode(int read) {
        int total = held + read;
        long base = cursor.position() - total;
        length = 0;
        position = 0;
        int i = 0;
        while (i < total) {
            int b = bytes[i] & 0xff;
            int need = b < 0x80 ? 0 : b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
            if (need < 0) {
                emit('\ufffd', base + i);
                i++;
                continue;
            }
            if (i + need >= total && need > 0 && valid(i, total)) {
                break;
            }
            int code = need == 0 ? b : b & (0x3f >> need);
            int j = 1;
            for (; j <= need; j++) {
                int c = bytes[i + j] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    break;
                }
                code = (code << 6) | (c & 0x3f);
            }
            if (j <= need) {
                emit('\ufffd', base + i);
                i += j;
                continue;
            }
            if (Character.isBmpCodePoint(code)) {
                emit((char) code, base + i);
            } else {
                emit(Character.highSurrogate(code), base + i);
                emit(Character.lowSurrogate(code), base + i);
            }
            i += need + 1;
        }
        held = total - i;
        System.arraycopy(bytes, i, bytes, 0, held);
    }

    /** Whether the bytes from {@code i} to the end are a valid but incomplete sequence. */
    private boolean valid(int i, int total) {
        for (int k = i + 1; k < total; k++) {
            if ((bytes[k] & 0xc0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private void emit(char c, long offset) {
        chars[length] = c;
        offsets[length] = offset;
        length++;
    }
}
