package dev.drover.daemon.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The append-only output log of one session, in fixed-size segment files
 * {@code <dir>/<index, 8 digits>.seg} (docs/adr/0005-session-log-segments.md): segment {@code n}
 * holds the bytes at offsets {@code [n × size, (n + 1) × size)}, so a byte's offset is its identity
 * and is re-derived from the file names and sizes after a restart. Retention deletes whole segments
 * from the oldest; {@link #start()} is the oldest retained offset.
 *
 * <p>Bytes arrive one of two ways: the daemon appends them ({@link #append}, the PTY backend), or an
 * external writer (tmux's {@code pipe-pane} into {@code split}) fills the segments and
 * {@link #refresh()} notices the growth. Either way the end offset only moves after the bytes are in
 * the files, so a reader never sees an offset it cannot read. Appending never waits on a reader:
 * listeners are only woken, they must not block.
 */
public final class SessionLog implements AutoCloseable {

    static final String SUFFIX = ".seg";

    private final Path dir;
    private final long segmentSize;
    private final boolean external;
    private final Map<Long, FileChannel> readers = new ConcurrentHashMap<>();
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile Runnable rolled = () -> {
    };
    private FileChannel writer;
    private long writerIndex = -1;
    private volatile long start;
    private volatile long end;
    private volatile boolean finished;
    private volatile Integer exitCode;

    private SessionLog(Path dir, long segmentSize, boolean external) throws IOException {
        if (segmentSize < 1) {
            throw new IllegalArgumentException("segment size must be positive, got " + segmentSize);
        }
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.external = external;
        Files.createDirectories(dir);
        long first = -1;
        long last = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long index = indexOf(file);
                if (index >= 0) {
                    first = first < 0 ? index : Math.min(first, index);
                    last = Math.max(last, index);
                }
            }
        }
        if (last >= 0) {
            this.start = first * segmentSize;
            this.end = last * segmentSize + Files.size(segment(last));
        }
    }

    /** Opens a log the daemon appends to, continuing after any bytes already in {@code dir}. */
    public static SessionLog open(Path dir, long segmentSize) throws IOException {
        return new SessionLog(dir, segmentSize, false);
    }

    /** Opens a log that another process writes; {@link #refresh()} follows it. */
    public static SessionLog tail(Path dir, long segmentSize) throws IOException {
        return new SessionLog(dir, segmentSize, true);
    }

    /** Opens the log of a session whose process is gone; it never grows again. */
    public static SessionLog openFinished(Path dir, long segmentSize, Integer exitCode) throws IOException {
        SessionLog log = new SessionLog(dir, segmentSize, true);
        log.exitCode = exitCode;
        log.finished = true;
        return log;
    }

    /** The file of segment {@code index} in {@code dir}. */
    static Path segment(Path dir, long index) {
        return dir.resolve(String.format("%08d", index) + SUFFIX);
    }

    private Path segment(long index) {
        return segment(dir, index);
    }

    private static long indexOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 8 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name, 0, 8, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Path dir() {
        return dir;
    }

    public long segmentSize() {
        return segmentSize;
    }

    /** Called (must not block) when a new segment starts, so retention can run. */
    public void onRoll(Runnable listener) {
        this.rolled = listener;
    }

    /** Appends bytes, then runs the listeners on this thread; only the session's PTY reader calls this. */
    public void append(byte[] bytes, int from, int length) throws IOException {
        write(bytes, from, length);
        wakeListeners();
    }

    private synchronized void write(byte[] bytes, int from, int length) throws IOException {
        if (finished || external) {
            throw new IllegalStateException(finished ? "the log is finished" : "the log is written by another process");
        }
        int at = from;
        int left = length;
        long position = end;
        while (left > 0) {
            long index = position / segmentSize;
            if (index != writerIndex) {
                if (writer != null) {
                    writer.close();
                }
                writer = FileChannel.open(segment(index), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                boolean roll = writerIndex >= 0 || position > 0;
                writerIndex = index;
                if (roll) {
                    rolled.run();
                }
            }
            int n = (int) Math.min(left, segmentSize - position % segmentSize);
            ByteBuffer buffer = ByteBuffer.wrap(bytes, at, n);
            while (buffer.hasRemaining()) {
                writer.write(buffer);
            }
            at += n;
            left -= n;
            position += n;
            end = position;
        }
    }

    /**
     * Notices bytes an external writer added since the last call and moves the end past them, then
     * runs the listeners on this thread; returns whether the log grew.
     */
    public boolean refresh() throws IOException {
        boolean grew = moveEnd();
        if (grew) {
            wakeListeners();
        }
        return grew;
    }

    private synchronized boolean moveEnd() throws IOException {
        long index = end / segmentSize;
        long newEnd = end;
        boolean newSegment = false;
        while (true) {
            long size = sizeOf(index);
            if (size < 0) {
                break;
            }
            if (index * segmentSize + size > newEnd) {
                newSegment |= index > 0 && newEnd == index * segmentSize;
                newEnd = index * segmentSize + size;
            }
            if (size < segmentSize) {
                break;
            }
            index++;
        }
        if (newEnd == end) {
            return false;
        }
        end = newEnd;
        if (newSegment) {
            rolled.run();
        }
        return true;
    }

    /** The size of segment {@code index}, or -1 when its file does not exist (yet); keeps the file open for reading. */
    private long sizeOf(long index) throws IOException {
        FileChannel channel = readers.get(index);
        if (channel == null) {
            try {
                channel = FileChannel.open(segment(index), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return -1;
            }
            FileChannel raced = readers.putIfAbsent(index, channel);
            if (raced != null) {
                channel.close();
                channel = raced;
            }
        }
        return channel.size();
    }

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position}, never beyond {@link #end()};
     * returns the count, or -1 when {@code position} is no longer retained.
     */
    public int read(long position, ByteBuffer dst) throws IOException {
        long limit = end;
        int total = 0;
        while (dst.hasRemaining() && position + total < limit) {
            long at = position + total;
            if (at < start) {
                return total == 0 ? -1 : total;
            }
            long index = at / segmentSize;
            FileChannel channel;
            try {
                channel = readers.computeIfAbsent(index, this::openReader);
            } catch (SegmentGone e) {
                return total == 0 ? -1 : total;
            }
            int want = (int) Math.min(dst.remaining(), Math.min(limit - at, segmentSize - at % segmentSize));
            ByteBuffer slice = dst.slice(dst.position(), want);
            int n;
            try {
                n = channel.read(slice, at % segmentSize);
            } catch (ClosedChannelException e) {
                return total == 0 ? -1 : total;
            }
            if (n <= 0) {
                break;
            }
            dst.position(dst.position() + n);
            total += n;
        }
        return total;
    }

    private FileChannel openReader(long index) {
        try {
            return FileChannel.open(segment(index), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new SegmentGone();
        }
    }

    /** Oldest retained offset. */
    public long start() {
        return start;
    }

    /** Offset after the last byte in the log. */
    public long end() {
        return end;
    }

    /** Bytes on disk. */
    public long retained() {
        return end - start;
    }

    /**
     * Deletes the oldest segment unless it is the last one (the one being written); returns
     * whether one was deleted. Readers positioned in it see their offset as no longer retained.
     */
    public synchronized boolean dropOldest() throws IOException {
        long first = start / segmentSize;
        long last = end == 0 ? 0 : (end - 1) / segmentSize;
        if (first >= last) {
            return false;
        }
        start = (first + 1) * segmentSize;
        FileChannel reader = readers.remove(first);
        if (reader != null) {
            reader.close();
        }
        Files.deleteIfExists(segment(first));
        return true;
    }

    /** Whether the session's process exited and every byte it wrote is in the log. */
    public boolean finished() {
        return finished;
    }

    /** Exit code of the process once {@link #finished()}; null when unknown. */
    public Integer exitCode() {
        return exitCode;
    }

    /** Marks the log complete: no byte is appended after this. */
    public void finish(Integer code) {
        this.exitCode = code;
        this.finished = true;
        wakeListeners();
    }

    /**
     * Registers a callback run after each append or refresh (on the thread that made it, outside the
     * log's lock) and on finish; it must not block. Returns its removal.
     */
    public Runnable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void wakeListeners() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        for (FileChannel reader : readers.values()) {
            reader.close();
        }
        readers.clear();
    }

    /** The segment file of a requested offset was deleted by retention. */
    private static final class SegmentGone extends RuntimeException {
        SegmentGone() {
            super(null, null, false, false);
        }
    }
}
