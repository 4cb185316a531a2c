package dev.drover.postgres;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server binaries bundled with Drover ({@code initdb}, {@code postgres},
 * {@code pg_ctl}), unpacked once into a directory only the current user can write
 * ({@code $XDG_CACHE_HOME/drover} or {@code $HOME/.cache/drover}, mode 0700), named after the
 * archive's digest. A shared directory such as {@code /tmp} would let another local user plant
 * binaries that we then run.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static PostgresBinaries unpacked;

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The unpacked binaries, unpacking them on the first call of this JVM when the cache lacks them. */
    static synchronized PostgresBinaries unpacked() {
        if (unpacked == null) {
            unpacked = new PostgresBinaries(unpack(cacheDirectory(System.getenv())));
        }
        return unpacked;
    }

    /** The path of the bundled program {@code name}. */
    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    /**
     * How to run a PostgreSQL program as the current user: PostgreSQL refuses to run as root, so
     * root runs it in a user namespace of its own ({@code unshare -U}) where it is an unprivileged
     * user that still owns root's files.
     */
    static List<String> launcher() {
        return isRoot() ? List.of("unshare", "-U") : List.of();
    }

    /** {@link #launcher()} followed by the bundled program {@code name} and its arguments. */
    List<String> command(String name, String... arguments) {
        List<String> command = new ArrayList<>(launcher());
        command.add(program(name).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    static Path cacheDirectory(Map<String, String> environment) {
        String cache = environment.get("XDG_CACHE_HOME");
        if (cache == null || cache.isBlank()) {
            String home = environment.get("HOME");
            if (home == null || home.isBlank()) {
                throw new IllegalStateException("neither XDG_CACHE_HOME nor HOME is set: nowhere to unpack PostgreSQL");
            }
            cache = home + "/.cache";
        }
        return Path.of(cache, "drover");
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Path unpack(Path cache) {
        byte[] archive;
        try (InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException("the PostgreSQL binaries (" + ARCHIVE + ") are not on the class path");
            }
            archive = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled PostgreSQL binaries", e);
        }
        Path home = cache.resolve("postgres-" + digest(archive));
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        try {
            Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path partial = Files.createTempDirectory(cache, "postgres-unpacking");
            extract(archive, partial);
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AccessDeniedException | DirectoryNotEmptyException e) {
                // Another JVM unpacked the same archive first: use its copy.
                deleteTree(partial);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack PostgreSQL into " + cache, e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    throw new IOException("unexpected archive entry: " + entry.getName());
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
