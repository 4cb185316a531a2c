package dev.drover.daemon.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only output log of one session ({@code sessions/<id>/output.log}). A byte's offset in
 * the file is its identity. One writer (the PTY reader) appends; any number of {@link ReplayCursor}s
 * read by position. The end offset only moves after the bytes are in the file, so a reader never
 * sees an offset whose bytes it cannot read. Appending never waits on a reader: listeners are only
 * woken, they must not block.
 */
public final class SessionLog implements AutoCloseable {

    private final FileChannel writer;
    private final FileChannel reader;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile long end;
    private volatile boolean finished;
    private volatile Integer exitCode;

    private SessionLog(FileChannel writer, FileChannel reader, long end) {
        this.writer = writer;
        this.reader = reader;
        this.end = end;
    }

    /** Opens the log of a live session for appending, creating the file if needed. */
    public static SessionLog open(Path file) throws IOException {
        FileChannel writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileChannel reader = FileChannel.open(file, StandardOpenOption.READ);
        return new SessionLog(writer, reader, writer.size());
    }

    /** Opens the log of a session whose process is gone; it never grows again. */
    public static SessionLog openFinished(Path file, Integer exitCode) throws IOException {
        FileChannel reader = FileChannel.open(file, StandardOpenOption.READ);
        SessionLog log = new SessionLog(null, reader, reader.size());
        log.exitCode = exitCode;
        log.finished = true;
        return log;
    }

    /** Appends bytes; only the session's PTY reader calls this. */
    public void append(byte[] bytes, int from, int length) throws IOException {
        if (finished) {
            throw new IllegalStateException("the log is finished");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length);
        while (buffer.hasRemaining()) {
            writer.write(buffer);
        }
        end += length;
        wakeListeners();
    }

    /** Reads up to {@code dst.remaining()} bytes at {@code position}, never beyond {@link #end()}. */
    public int read(long position, ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = reader.read(dst, position + total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Offset after the last byte in the log. */
    public long end() {
        return end;
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

    /** Registers a non-blocking callback run after each append and on finish; returns its removal. */
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
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
        reader.close();
    }
}
