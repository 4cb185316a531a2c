package dev.drover.daemon.transcript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * How far the hub has each transcript file (the offset after the last line it acknowledged), with
 * what the parser had learnt of its conversation there, kept in {@code <state-dir>/transcripts/offsets.json}
 * so that a restarted daemon goes on where it stopped. Written atomically (a new file renamed over).
 */
final class TranscriptOffsets {

    private static final Logger LOG = Logger.getLogger(TranscriptOffsets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file's position: its identity (device and inode, to notice a replaced file), offset and conversation. */
    @RegisterForReflection
    record Position(String fileKey, long offset, String agentSessionId, String cwd) {
    }

    private final Path file;
    private final Map<String, Position> positions = new HashMap<>();
    private boolean dirty;

    TranscriptOffsets(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                positions.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Position>>() {
                }));
            } catch (IOException e) {
                LOG.warnf("transcript offsets in %s unreadable, reading every transcript again: %s", file, e.getMessage());
            }
        }
    }

    Optional<Position> of(Path transcript) {
        return Optional.ofNullable(positions.get(transcript.toString()));
    }

    void put(Path transcript, Position position) {
        if (!position.equals(positions.put(transcript.toString(), position))) {
            dirty = true;
        }
    }

    void forget(Path transcript) {
        if (positions.remove(transcript.toString()) != null) {
            dirty = true;
        }
    }

    /** Writes the positions when they changed since the last write. */
    void save() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writeValue(next.toFile(), positions);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            LOG.warnf("cannot save transcript offsets to %s: %s", file, e.getMessage());
        }
    }
}
