package dev.drover.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary directory ({@code drover-test-pg*}) of a test JVM's embedded cluster. Its JVM
 * holds a lock on {@value #LOCK} in it while it lives, so that a directory whose JVM was killed
 * can be told apart: the next test JVM stops the postmaster left running in it and removes it.
 */
final class TestClusterDirectory {

    static final String PREFIX = "drover-test-pg";
    static final String LOCK = "owner.lock";
    /** Younger directories are left alone: their JVM may not have taken its lock yet. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private TestClusterDirectory() {
    }

    /** Removes what killed test JVMs left in {@code temp}, then creates and locks a new directory there. */
    static Path create(Path temp) throws IOException {
        removeAbandoned(temp);
        Path directory = Files.createTempDirectory(temp, PREFIX);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.lock();
        HELD.put(directory, channel);
        return directory;
    }

    /** Releases the lock and removes {@code directory}. */
    static void remove(Path directory) throws IOException {
        FileChannel channel = HELD.remove(directory);
        if (channel != null) {
            channel.close();
        }
        PostgresBinaries.deleteTree(directory);
    }

    static void removeAbandoned(Path temp) {
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path directory : directories) {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && !young(directory) && !inUse(directory)) {
                    stopPostmaster(directory.resolve("data"));
                    PostgresBinaries.deleteTree(directory);
                }
            }
        } catch (IOException e) {
            System.err.println("could not remove abandoned test clusters in " + temp + ": " + e.getMessage());
        }
    }

    private static boolean young(Path directory) throws IOException {
        return Files.getLastModifiedTime(directory).toInstant().isAfter(Instant.now().minus(ABANDONED_AFTER));
    }

    /** Whether a living JVM holds the directory's lock (a directory without one was made before locks were taken). */
    private static boolean inUse(Path directory) {
        Path lock = directory.resolve(LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.tryLock()) {
            return held == null;
        } catch (OverlappingFileLockException | IOException e) {
            return true;
        }
    }

    /** Kills the postmaster named in {@code data}'s postmaster.pid, when that process still serves this data directory. */
    private static void stopPostmaster(Path data) {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
            ProcessHandle.of(pid)
                    .filter(process -> process.info().commandLine().orElse("").contains(data.toString()))
                    .ifPresent(postmaster -> {
                        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                        postmaster.destroyForcibly();
                    });
        } catch (IOException | RuntimeException e) {
            // No postmaster.pid (never started, or stopped cleanly): nothing runs there.
        }
    }
}
