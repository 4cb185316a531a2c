package dev.drover.daemon.project;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.protocol.daemon.ProjectInfo;
import dev.drover.protocol.daemon.WorktreeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Finds the git repositories under the project roots: every directory with a {@code .git}
 * directory or file, at most {@code depth} levels below a root, skipping ignored directories, the
 * worktrees directory and every {@code .git} directory, never following a symbolic link. Each
 * repository is then read with git (branch, dirty flag, remote, Drover worktrees) on virtual
 * threads, at most {@code parallelism} at a time. Scans block: call them off the event loop.
 */
@ApplicationScoped
public class ProjectScanner {

    private static final Logger LOG = Logger.getLogger(ProjectScanner.class);
    private static final String GIT = ".git";

    private final ProjectRoots roots;
    private final int depth;
    private final List<PathMatcher> ignore;
    private final int parallelism;
    private final Git git;
    private final Worktrees worktrees;
    private Scan latest;
    private CompletableFuture<Scan> running;

    /** The repositories one scan found, sorted by path. */
    public record Scan(Instant scannedAt, List<String> roots, List<ProjectInfo> projects) {
    }

    @Inject
    ProjectScanner(DaemonConfig config, ProjectRoots roots, Worktrees worktrees) {
        this(roots, config.projects().depth(), config.projects().ignore(), config.projects().parallelism(),
                new Git(config.projects().gitTimeout()), worktrees);
    }

    public ProjectScanner(ProjectRoots roots, int depth, List<String> ignore, int parallelism, Git git,
            Worktrees worktrees) {
        this.roots = roots;
        this.depth = depth;
        FileSystem fs = FileSystems.getDefault();
        this.ignore = ignore.stream().filter(pattern -> !pattern.isBlank())
                .map(pattern -> fs.getPathMatcher("glob:" + pattern.strip())).toList();
        this.parallelism = Math.max(1, parallelism);
        this.git = git;
        this.worktrees = worktrees;
    }

    /** The latest scan, or a new one when there was none yet. */
    public Scan latest() {
        synchronized (this) {
            if (latest != null) {
                return latest;
            }
        }
        return refresh();
    }

    /** Scans now; a caller arriving while a scan runs gets that scan's result. */
    public Scan refresh() {
        CompletableFuture<Scan> scan;
        boolean mine = false;
        synchronized (this) {
            if (running == null) {
                running = new CompletableFuture<>();
                mine = true;
            }
            scan = running;
        }
        if (mine) {
            try {
                Scan result = scan();
                synchronized (this) {
                    latest = result;
                }
                scan.complete(result);
            } catch (RuntimeException e) {
                scan.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }
        return scan.join();
    }

    private Scan scan() {
        long started = System.nanoTime();
        Set<Path> found = new LinkedHashSet<>();
        Path worktreesDir = ProjectRoots.canonical(roots.worktreesDir());
        for (Path root : roots.existing()) {
            walk(root, root, 0, worktreesDir, found);
        }
        List<ProjectInfo> projects = new ArrayList<>(found.size());
        Semaphore permits = new Semaphore(parallelism);
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ProjectInfo>> reads = found.stream()
                    .map(repo -> CompletableFuture.supplyAsync(() -> {
                        permits.acquireUninterruptibly();
                        try {
                            return read(repo);
                        } finally {
                            permits.release();
                        }
                    }, readers))
                    .toList();
            reads.forEach(read -> projects.add(read.join()));
        }
        projects.sort(Comparator.comparing(ProjectInfo::path));
        LOG.infof("project scan: %d repositories under %s in %d ms", projects.size(), roots.configured(),
                (System.nanoTime() - started) / 1_000_000);
        return new Scan(Instant.now(), roots.configured().stream().map(Path::toString).toList(), List.copyOf(projects));
    }

    private void walk(Path root, Path dir, int level, Path worktreesDir, Set<Path> found) {
        if (Files.exists(dir.resolve(GIT), LinkOption.NOFOLLOW_LINKS)) {
            found.add(dir);
        }
        if (level >= depth) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && !child.equals(worktreesDir)
                        && !ignored(root.relativize(child))) {
                    walk(root, child, level + 1, worktreesDir, found);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.debugf("project scan skips %s: %s", dir, e.getMessage());
        }
    }

    private boolean ignored(Path relative) {
        Path name = relative.getFileName();
        return name.toString().equals(GIT)
                || ignore.stream().anyMatch(matcher -> matcher.matches(name) || matcher.matches(relative));
    }

    private ProjectInfo read(Path repo) {
        String branch = null;
        String head = null;
        Boolean dirty = null;
        String remote = null;
        List<WorktreeInfo> drover = List.of();
        List<String> errors = new ArrayList<>();
        try {
            Git.Result status = git.run(repo, "status", "--porcelain=v2", "--branch", "--untracked-files=normal");
            if (status.ok()) {
                dirty = false;
                for (String line : status.out().lines().toList()) {
                    if (line.startsWith("# branch.oid ")) {
                        String oid = line.substring("# branch.oid ".length());
                        head = oid.equals("(initial)") ? null : oid.substring(0, Math.min(12, oid.length()));
                    } else if (line.startsWith("# branch.head ")) {
                        String name = line.substring("# branch.head ".length());
                        branch = name.equals("(detached)") ? null : name;
                    } else if (!line.startsWith("#")) {
                        dirty = true;
                    }
                }
            } else {
                errors.add(status.message());
            }
            remote = remote(repo);
            if (Files.isDirectory(repo.resolve(GIT).resolve("worktrees"), LinkOption.NOFOLLOW_LINKS)) {
                drover = worktrees.list(repo);
            }
        } catch (ProjectException e) {
            errors.add(e.getMessage());
        }
        return new ProjectInfo(repo.getFileName() == null ? repo.toString() : repo.getFileName().toString(),
                repo.toString(), branch, head, dirty, remote, errors.isEmpty() ? null : String.join("; ", errors),
                drover);
    }

    /** The URL of {@code origin}, else of the first remote in the config, else null. */
    private String remote(Path repo) throws ProjectException {
        Git.Result urls = git.run(repo, "config", "--get-regexp", "^remote\\..*\\.url$");
        String first = null;
        for (String line : urls.ok() ? urls.out().lines().toList() : List.<String>of()) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String url = line.substring(space + 1);
            if (line.substring(0, space).equals("remote.origin.url")) {
                return url;
            }
            if (first == null) {
                first = url;
            }
        }
        return first;
    }
}
