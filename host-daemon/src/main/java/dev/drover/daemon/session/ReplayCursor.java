package dev.drover.daemon.session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A reader over a {@link SessionLog} from a start offset: the replay from the file, then live bytes
 * as they are appended, through one position, so there is no gap and no duplicate. It never reads
 * more than {@code window} bytes beyond what was credited. Not thread-safe except {@link #credit}.
 */
public final class ReplayCursor {

    private final SessionLog log;
    private long position;
    private volatile long limit;

    /**
     * @param from first offset to read, between the log's retained start and its end
     * @param window bytes that may be read beyond the credited ones
     */
    public ReplayCursor(SessionLog log, long from, long window) {
        if (from < log.start() || from > log.end()) {
            throw new IllegalArgumentException("offset " + from + " is outside the log [" + log.start() + ", " + log.end() + "]");
        }
        this.log = log;
        this.position = from;
        this.limit = saturatedAdd(from, Math.max(0, window));
    }

    /** Offset of the next byte this cursor reads. */
    public long position() {
        return position;
    }

    /** Lets the cursor read {@code bytes} more. */
    public synchronized void credit(long bytes) {
        if (bytes > 0) {
            limit = saturatedAdd(limit, bytes);
        }
    }

    /** Whether credit allows reading beyond the current position. */
    public boolean credited() {
        return limit > position;
    }

    /**
     * Reads what is available and allowed into {@code buffer} (at most its length) and returns the
     * number of bytes read, 0 when nothing is available or the window is used up, -1 when the
     * cursor's position is no longer retained (retention deleted it: the reader fell too far behind).
     */
    public int read(byte[] buffer) throws IOException {
        return read(buffer, 0, buffer.length);
    }

    /** Like {@link #read(byte[])}, into {@code buffer[from, from + length)}. */
    public int read(byte[] buffer, int from, int length) throws IOException {
        long allowed = Math.min(log.end(), limit) - position;
        if (allowed <= 0) {
            return position < log.start() ? -1 : 0;
        }
        int n = log.read(position, ByteBuffer.wrap(buffer, from, (int) Math.min(length, allowed)));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /** Whether the session ended and every byte of its log was read. */
    public boolean exhausted() {
        return log.finished() && position >= log.end();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
