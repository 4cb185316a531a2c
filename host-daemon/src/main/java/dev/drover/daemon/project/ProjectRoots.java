package dev.drover.daemon.project;

import dev.drover.daemon.config.DaemonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The directories sessions may work in: the configured project roots and the worktrees directory.
 * {@link #resolve} turns a path a user asked for into a canonical directory inside one of them, or
 * refuses it.
 */
@ApplicationScoped
public class ProjectRoots {

    private static final Logger LOG = Logger.getLogger(ProjectRoots.class);

    private final List<Path> configured;
    private final Path worktreesDir;

    @Inject
    public ProjectRoots(DaemonConfig config) {
        this(config.projects().roots(), worktreesDir(config));
    }

    public ProjectRoots(List<Path> roots, Path worktreesDir) {
        this.configured = roots.stream().map(root -> root.toAbsolutePath().normalize()).distinct().toList();
        this.worktreesDir = worktreesDir.toAbsolutePath().normalize();
    }

    /** {@code drover.daemon.worktrees.dir}, or {@code <state-dir>/worktrees}. */
    public static Path worktreesDir(DaemonConfig config) {
        return config.worktrees().dir().orElseGet(() -> config.stateDir().resolve("worktrees"))
                .toAbsolutePath().normalize();
    }

    /** The configured roots as configured (absolute, normalized), existing or not. */
    public List<Path> configured() {
        return configured;
    }

    /** The directory that holds Drover's worktrees. */
    public Path worktreesDir() {
        return worktreesDir;
    }

    /** The roots that exist, by their real paths (a root that is a symbolic link counts as its target). */
    public List<Path> existing() {
        List<Path> real = new ArrayList<>();
        for (Path root : configured) {
            realDirectory(root).ifPresentOrElse(real::add,
                    () -> LOG.debugf("project root %s does not exist or is not a directory", root));
        }
        return real.stream().distinct().toList();
    }

    /**
     * The canonical directory {@code requested} names, when it lies inside a project root or the
     * worktrees directory after every symbolic link is resolved. Refuses a relative path, a path
     * with {@code ..} segments or control characters, one that does not exist or is no directory,
     * one outside the roots, and one that leaves them through a symbolic link.
     */
    public Path resolve(String requested) throws ProjectException {
        if (requested == null || requested.isBlank()) {
            throw new ProjectException("a project path is required");
        }
        if (requested.chars().anyMatch(Character::isISOControl)) {
            throw new ProjectException("a project path must not contain control characters");
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new ProjectException("not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ProjectException("a project path must be absolute: " + requested);
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw new ProjectException("a project path must not contain '..': " + requested);
            }
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ProjectException("no such directory: " + path);
        } catch (IOException e) {
            throw new ProjectException("cannot read " + path + ": " + e.getMessage());
        }
        if (!Files.isDirectory(real)) {
            throw new ProjectException("not a directory: " + path);
        }
        List<Path> allowed = new ArrayList<>(existing());
        realDirectory(worktreesDir).ifPresent(allowed::add);
        if (allowed.stream().anyMatch(real::startsWith)) {
            return real;
        }
        Path lexical = path.normalize();
        boolean underRoot = configured.stream().anyMatch(lexical::startsWith) || lexical.startsWith(worktreesDir);
        if (underRoot) {
            throw new ProjectException(path + " leaves the project roots through a symbolic link (it is " + real + ")");
        }
        throw new ProjectException(path + " is outside the project roots ("
                + configured.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")");
    }

    /** The real path of {@code path}, or its normalized absolute path when it does not exist. */
    static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static Optional<Path> realDirectory(Path path) {
        try {
            Path real = path.toRealPath();
            return Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
