package dev.drover.daemon.transcript;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.TranscriptEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Follows the transcript files of the declared {@link Source}s by byte offset and turns their new
 * complete lines into {@link DaemonMessage.Transcript} batches (ADR 0031). Only complete lines are
 * read (a partial last line waits for its newline); a file that shrank (truncated) or was replaced
 * (another inode: rotated) is read again from the start; a line longer than {@value #MAX_LINE} bytes
 * is skipped, so memory stays bounded whatever the file's size. At most {@code maxInFlight} batches
 * wait for the hub's acknowledgement: beyond, reading pauses and the files themselves are the buffer.
 * The offset saved for a file only moves once the hub acknowledged its lines, so a restarted daemon
 * sends again what the hub may not have (the hub applies a known entry as an update). Not thread-safe:
 * one thread calls it ({@link TranscriptCollector}).
 */
public final class TranscriptTailer {

    private static final Logger LOG = Logger.getLogger(TranscriptTailer.class);
    /** Bytes read at a time. */
    private static final int CHUNK = 256 * 1024;
    /** A longer line is skipped. */
    static final int MAX_LINE = 16 * 1024 * 1024;
    /** A longer entry text is cut (the hub's socket takes 4 MiB messages). */
    static final int MAX_TEXT = 64 * 1024;
    /** A batch stops growing past this many characters of text. */
    private static final int MAX_BATCH_CHARS = 1024 * 1024;

    /** Where one agent's transcripts are: files under {@code root} that {@code matcher} accepts, in {@code format}. */
    public record Source(String agent, String format, Path root, PathMatcher matcher) {
    }

    /** A batch sent to the hub and not acknowledged yet, with the file position it takes the file to. */
    private static final class Pending {
        final DaemonMessage.Transcript batch;
        final Tracked file;
        final long end;
        final TranscriptParser.Conversation conversation;
        long sentIn = -1;
        boolean acknowledged;

        Pending(DaemonMessage.Transcript batch, Tracked file, long end, TranscriptParser.Conversation conversation) {
            this.batch = batch;
            this.file = file;
            this.end = end;
            this.conversation = conversation;
        }
    }

    /** A file being followed. */
    private static final class Tracked {
        final Path path;
        final Source source;
        String fileKey;
        long readOffset;
        long ackedOffset;
        TranscriptParser parser;
        TranscriptParser.Conversation acked;
        int inFlight;

        Tracked(Path path, Source source) {
            this.path = path;
            this.source = source;
        }
    }

    private volatile List<Source> sources;
    private final TranscriptOffsets offsets;
    private final Redaction redaction;
    private final Function<String, Optional<UUID>> droverSessions;
    private final boolean ownRuns;
    private final int maxInFlight;
    private final int maxEntries;
    private final Consumer<DaemonMessage.Transcript> sink;
    private final Map<Path, Tracked> files = new HashMap<>();
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private final Set<Tracked> paused = new LinkedHashSet<>();
    private final byte[] buffer = new byte[CHUNK];
    private long nextBatch = System.currentTimeMillis() * 1000;
    private long connection;

    /**
     * @param stateFile      where offsets are kept
     * @param droverSessions the Drover session of an agent session id, when Drover started it
     * @param ownRuns        whether conversations of no Drover session are shipped too
     * @param sink           sends a batch to the hub (dropped while there is no hub; {@link #connected} sends again)
     */
    public TranscriptTailer(List<Source> sources, Path stateFile, Redaction redaction,
            Function<String, Optional<UUID>> droverSessions, boolean ownRuns, int maxInFlight, int maxEntries,
            Consumer<DaemonMessage.Transcript> sink) {
        this.sources = List.copyOf(sources);
        this.offsets = new TranscriptOffsets(stateFile);
        this.redaction = redaction;
        this.droverSessions = droverSessions;
        this.ownRuns = ownRuns;
        this.maxInFlight = maxInFlight;
        this.maxEntries = maxEntries;
        this.sink = sink;
    }

    /** Follows {@code changed} from now on (the profiles changed); files already followed stay followed until they go. */
    public void sources(List<Source> changed) {
        this.sources = List.copyOf(changed);
    }

    /** The sources' roots (to watch). */
    public List<Path> roots() {
        return sources.stream().map(Source::root).distinct().toList();
    }

    /** Looks at every file of every source: new ones, grown, shrunk, replaced or gone. */
    public void scan() {
        Set<Path> seen = new LinkedHashSet<>();
        for (Source source : sources) {
            if (!Files.isDirectory(source.root())) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(source.root(), FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(source.matcher()::matches).filter(Files::isRegularFile).forEach(seen::add);
            } catch (IOException | UncheckedIOException e) {
                LOG.debugf("scanning %s: %s", source.root(), e.getMessage());
            }
        }
        for (Path path : seen) {
            changed(path);
        }
        files.keySet().removeIf(path -> {
            if (seen.contains(path) || Files.exists(path)) {
                return false;
            }
            offsets.forget(path);
            return true;
        });
    }

    /** Reads what is new in {@code path}, when a source declares it. */
    public void changed(Path path) {
        Tracked file = files.get(path);
        if (file == null) {
            Optional<Source> source = sources.stream().filter(s -> path.startsWith(s.root()) && s.matcher().matches(path))
                    .findFirst();
            if (source.isEmpty() || !Files.isRegularFile(path)) {
                return;
            }
            file = track(path, source.get());
        }
        read(file);
    }

    /** The hub stored {@code batch}: the files' saved offsets move past what it and all earlier batches held. */
    public void acknowledged(long batch) {
        inFlight.stream().filter(pending -> pending.batch.batch() == batch).forEach(pending -> pending.acknowledged = true);
        while (!inFlight.isEmpty() && inFlight.peekFirst().acknowledged) {
            Pending done = inFlight.removeFirst();
            Tracked file = done.file;
            file.inFlight--;
            file.ackedOffset = Math.max(file.ackedOffset, done.end);
            file.acked = done.conversation;
            offsets.put(file.path, new TranscriptOffsets.Position(file.fileKey, file.ackedOffset,
                    done.conversation.agentSessionId(), done.conversation.cwd()));
        }
        List<Tracked> waiting = new ArrayList<>(paused);
        paused.clear();
        waiting.forEach(this::read);
    }

    /** A new connection to the hub: every batch it has not acknowledged is sent again, in order, before any new one. */
    public void connected() {
        connection++;
        send();
    }

    /** Batches waiting for the hub. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Saves the offsets when they moved. */
    public void persist() {
        offsets.save();
    }

    private Tracked track(Path path, Source source) {
        Tracked file = new Tracked(path, source);
        Optional<TranscriptOffsets.Position> saved = offsets.of(path);
        String key = fileKey(path);
        if (saved.isPresent() && saved.get().fileKey().equals(key)) {
            file.fileKey = key;
            file.readOffset = saved.get().offset();
            file.ackedOffset = saved.get().offset();
            file.acked = new TranscriptParser.Conversation(saved.get().agentSessionId(), saved.get().cwd());
        } else {
            file.fileKey = key;
            file.acked = TranscriptParser.Conversation.UNKNOWN;
        }
        file.parser = parser(file, file.acked);
        files.put(path, file);
        return file;
    }

    private TranscriptParser parser(Tracked file, TranscriptParser.Conversation known) {
        return TranscriptParser.of(file.source.format(), file.path, known).orElseThrow();
    }

    private void read(Tracked file) {
        try {
            while (true) {
                if (inFlight.size() >= maxInFlight) {
                    paused.add(file);
                    return;
                }
                BasicFileAttributes attributes = Files.readAttributes(file.path, BasicFileAttributes.class);
                String key = String.valueOf(attributes.fileKey());
                if (!key.equals(file.fileKey) || attributes.size() < file.readOffset) {
                    LOG.infof("transcript %s was %s: reading it again from the start", file.path,
                            key.equals(file.fileKey) ? "truncated" : "replaced");
                    restart(file, key);
                }
                if (attributes.size() == file.readOffset || !readLines(file)) {
                    return;
                }
            }
        } catch (NoSuchFileException e) {
            LOG.debugf("transcript %s is gone", file.path);
        } catch (IOException e) {
            LOG.warnf("reading transcript %s: %s", file.path, e.getMessage());
        }
    }

    private void restart(Tracked file, String key) {
        file.fileKey = key;
        file.readOffset = 0;
        file.ackedOffset = 0;
        file.acked = TranscriptParser.Conversation.UNKNOWN;
        file.parser = parser(file, file.acked);
    }

    /** Reads one batch of complete lines; false when there was none to read. */
    private boolean readLines(Tracked file) throws IOException {
        Map<String, TranscriptEntry> entries = new LinkedHashMap<>();
        long start = file.readOffset;
        long end = start;
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean oversized = false;
            long at = start;
            int chars = 0;
            reading:
            while (true) {
                int n = channel.read(ByteBuffer.wrap(buffer), at);
                if (n <= 0) {
                    break;
                }
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (!oversized) {
                        line.write(buffer, from, i - from);
                        for (TranscriptEntry entry : file.parser.line(line.toString(StandardCharsets.UTF_8))) {
                            TranscriptEntry redacted = redacted(entry);
                            chars += redacted.text().length();
                            entries.put(redacted.key(), redacted);
                        }
                    } else {
                        LOG.warnf("transcript %s: skipped a line longer than %d bytes at offset %d", file.path, MAX_LINE, end);
                    }
                    line.reset();
                    oversized = false;
                    from = i + 1;
                    end = at + i + 1;
                    if (entries.size() >= maxEntries || chars >= MAX_BATCH_CHARS) {
                        break reading;
                    }
                }
                if (!oversized && line.size() + (n - from) > MAX_LINE) {
                    oversized = true;
                    line.reset();
                } else if (!oversized) {
                    line.write(buffer, from, n - from);
                }
                at += n;
            }
        }
        if (end == start) {
            return false;
        }
        TranscriptParser.Conversation conversation = file.parser.conversation();
        String agentSessionId = conversation.agentSessionId() != null ? conversation.agentSessionId() : stem(file.path);
        Optional<UUID> session = droverSessions.apply(agentSessionId);
        if (session.isEmpty() && !ownRuns) {
            // Not (yet) known as a Drover session's: read again later from where the hub has it.
            file.readOffset = file.ackedOffset;
            file.parser = parser(file, file.acked);
            return false;
        }
        file.readOffset = end;
        if (entries.isEmpty()) {
            if (file.inFlight == 0) {
                file.ackedOffset = end;
                file.acked = conversation;
                offsets.put(file.path, new TranscriptOffsets.Position(file.fileKey, end, conversation.agentSessionId(),
                        conversation.cwd()));
            }
            return true;
        }
        DaemonMessage.Transcript batch = new DaemonMessage.Transcript(nextBatch++, file.source.agent(), agentSessionId,
                session.orElse(null), conversation.cwd(), List.copyOf(entries.values()));
        inFlight.addLast(new Pending(batch, file, end, conversation));
        file.inFlight++;
        send();
        return true;
    }

    /** Sends every waiting batch not yet sent on the current connection, oldest first. */
    private void send() {
        for (Pending pending : inFlight) {
            if (!pending.acknowledged && pending.sentIn != connection) {
                pending.sentIn = connection;
                sink.accept(pending.batch);
            }
        }
    }

    private TranscriptEntry redacted(TranscriptEntry entry) {
        String text = entry.text().length() > MAX_TEXT
                ? entry.text().substring(0, MAX_TEXT) + "\n… [cut by Drover: " + entry.text().length() + " characters]"
                : entry.text();
        return entry.withText(redaction.apply(text));
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String fileKey(Path path) {
        try {
            return String.valueOf(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return "";
        }
    }
}
