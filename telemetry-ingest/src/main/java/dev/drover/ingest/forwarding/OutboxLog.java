package dev.drover.ingest.forwarding;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.drover.telemetry.v1.TelemetryEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The outbox on disk: append-only segment files {@code segment-<n>.log} in one directory, each a sequence of
 * records {@code length (4 bytes), CRC32C (4 bytes), TelemetryEvent (length bytes)}. An append is forced to disk
 * before it returns; a segment is deleted once none of its events is pending. Recovery reads every segment in
 * order and cuts a segment at its first torn or corrupt record (an append that never returned).
 * Not thread-safe: the {@link Outbox} calls it under its lock.
 */
final class OutboxLog implements AutoCloseable {

    /** An event read back from disk and the segment holding it. */
    record Recovered(TelemetryEvent event, long segment) {
    }

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";
    private static final int HEADER_BYTES = 8;
    private static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    private final Path directory;
    private final long segmentBytes;
    private FileChannel active;
    private long activeSegment;
    private long nextSegment;

    OutboxLog(Path directory, long segmentBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox directory " + directory, e);
        }
    }

    /** Every event on disk, oldest first, cutting torn tails; new appends go to a segment after them. */
    List<Recovered> recover() {
        List<Recovered> events = new ArrayList<>();
        for (long segment : segments()) {
            readSegment(segment, events);
            nextSegment = segment + 1;
        }
        return events;
    }

    /** Appends the events to the current segment (starting a new one when it is full) and forces them to disk. */
    long append(List<TelemetryEvent> events) {
        try {
            if (active == null || active.size() >= segmentBytes) {
                roll();
            }
            List<ByteBuffer> buffers = new ArrayList<>(events.size());
            for (TelemetryEvent event : events) {
                byte[] bytes = event.toByteArray();
                CRC32C crc = new CRC32C();
                crc.update(bytes);
                buffers.add(ByteBuffer.allocate(HEADER_BYTES + bytes.length)
                        .putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).flip());
            }
            ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
            long remaining = buffers.stream().mapToLong(ByteBuffer::remaining).sum();
            while (remaining > 0) {
                remaining -= active.write(all);
            }
            active.force(false);
            return activeSegment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outbox in " + directory, e);
        }
    }

    /** None of the segment's events is pending any more: deletes it (and stops appending to it). */
    void release(long segment) {
        try {
            if (active != null && segment == activeSegment) {
                active.close();
                active = null;
            }
            Files.deleteIfExists(path(segment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the outbox segment " + path(segment), e);
        }
    }

    @Override
    public void close() {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void roll() throws IOException {
        if (active != null) {
            active.close();
        }
        activeSegment = nextSegment++;
        active = FileChannel.open(path(activeSegment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void readSegment(long segment, List<Recovered> events) {
        Path path = path(segment);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (position + HEADER_BYTES <= size) {
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(0);
                int checksum = header.getInt(4);
                if (length < 0 || length > MAX_RECORD_BYTES || position + HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(channel, body, position + HEADER_BYTES);
                CRC32C crc = new CRC32C();
                crc.update(body.array());
                if ((int) crc.getValue() != checksum) {
                    break;
                }
                events.add(new Recovered(TelemetryEvent.parseFrom(body.array()), segment));
                position += HEADER_BYTES + length;
            }
            if (position < size) {
                channel.truncate(position);
                channel.force(false);
            }
            if (position == 0) {
                Files.delete(path);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("outbox segment " + path + " holds a record that passed its checksum"
                    + " but is no TelemetryEvent", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox segment " + path, e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private List<Long> segments() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                    .map(name -> name.substring(PREFIX.length(), name.length() - SUFFIX.length()))
                    .filter(number -> !number.isEmpty() && number.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outbox directory " + directory, e);
        }
    }

    private Path path(long segment) {
        return directory.resolve(PREFIX + "%020d".formatted(segment) + SUFFIX);
    }
}
