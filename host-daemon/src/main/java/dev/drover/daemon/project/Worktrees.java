package dev.drover.daemon.project;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.WorktreeInfo;
import dev.drover.protocol.daemon.WorktreeState;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Git worktrees for sessions: {@code <worktrees-dir>/<repo name>-<short id>} on a new branch
 * {@code drover/<profile>-<short id>} from the repository's HEAD, where the short id is the first 8
 * hex digits of the session id's last group (random in a UUIDv7). The branch the repository had
 * checked out is recorded as the worktree's base in the repository's git config
 * ({@code branch.<branch>.drover-base}, with {@code drover-session} and {@code drover-profile}),
 * so it goes away with the branch. When the last session working in a worktree ends it is
 * released: removed with its branch only when clean and merged into its base or pushed, otherwise
 * kept and flagged. Every method runs git and blocks: call them off the event loop.
 */
@Startup
@ApplicationScoped
public class Worktrees {

    private static final Logger LOG = Logger.getLogger(Worktrees.class);
    /** Every Drover worktree branch starts with this. */
    public static final String BRANCH_PREFIX = "drover/";
    private static final String HEADS = "refs/heads/";
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern BRANCH = Pattern.compile("drover/[A-Za-z0-9][A-Za-z0-9_-]{0,39}-[0-9a-f]{8}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");
    static final String BASE_KEY = "drover-base";
    static final String SESSION_KEY = "drover-session";
    static final String PROFILE_KEY = "drover-profile";

    private final Git git;
    private final Path dir;
    private final Supplier<List<Path>> busyDirectories;
    private final Set<Consumer<DaemonMessage>> listeners = ConcurrentHashMap.newKeySet();

    /** What releasing a worktree did: {@code removed}, or kept with its flag and {@code reason}. */
    public record Release(UUID sessionId, WorktreeInfo worktree, boolean removed, String reason) {

        DaemonMessage.WorktreeReleased message() {
            return new DaemonMessage.WorktreeReleased(sessionId, worktree, removed, reason);
        }
    }

    /** One entry of {@code git worktree list --porcelain}. */
    record Entry(Path path, String head, String branch) {
    }

    @Inject
    Worktrees(DaemonConfig config, SessionRegistry sessions) {
        this(new Git(config.projects().gitTimeout()), ProjectRoots.worktreesDir(config), sessions::runningDirectories);
        sessions.onExit(session -> Thread.ofVirtual().name("worktree-release").start(() ->
                sessions.directory(session.id()).ifPresent(directory -> release(session.id(), directory))));
    }

    /**
     * @param busyDirectories the working directories of the running sessions: a worktree holding one
     *                        is {@link WorktreeState#ACTIVE}, never released nor discarded
     */
    public Worktrees(Git git, Path dir, Supplier<List<Path>> busyDirectories) {
        this.git = git;
        this.dir = dir.toAbsolutePath().normalize();
        this.busyDirectories = busyDirectories;
    }

    /** Calls {@code listener} with {@code worktree-created} and {@code worktree-released} for the hub. */
    public void onChange(Consumer<DaemonMessage> listener) {
        listeners.add(listener);
    }

    /** The branch of a session's worktree: {@code drover/<profileId>-<short id>}. */
    public static String branchName(String profileId, UUID sessionId) {
        return BRANCH_PREFIX + profileId + "-" + shortId(sessionId);
    }

    /** The first 8 hex digits of the last group of {@code sessionId}. */
    public static String shortId(UUID sessionId) {
        return sessionId.toString().substring(24, 32);
    }

    /**
     * Creates the worktree of session {@code sessionId} of profile {@code profileId} from the HEAD
     * of {@code repo} (a directory {@link ProjectRoots#resolve} accepted; its repository's top level
     * is used). Creating the same session's worktree again answers the existing one.
     */
    public WorktreeInfo create(Path repo, String profileId, UUID sessionId) throws ProjectException {
        if (profileId == null || !PROFILE.matcher(profileId).matches()) {
            throw new ProjectException("a profile id is 1-40 letters, digits, '-' or '_', starting with a letter or digit");
        }
        Path top = topLevel(repo);
        String branch = branchName(profileId, sessionId);
        Path base = worktreesDir();
        Path target = base.resolve(directoryName(top, sessionId));
        Optional<Entry> existing = entries(top).stream().filter(entry -> branch.equals(entry.branch())).findFirst();
        if (existing.isPresent()) {
            Map<String, String> recorded = config(top).getOrDefault(branch, Map.of());
            if (existing.get().path().equals(target) && sessionId.toString().equals(recorded.get(SESSION_KEY))) {
                return inspect(top, existing.get(), recorded);
            }
            throw new ProjectException("branch " + branch + " is already checked out at " + existing.get().path());
        }
        if (Files.exists(target)) {
            throw new ProjectException(target + " already exists");
        }
        String baseRef = currentBranch(top);
        git.output(top, "worktree", "add", "-b", branch, target.toString(), "HEAD");
        git.output(top, "config", "branch." + branch + "." + BASE_KEY, baseRef);
        git.output(top, "config", "branch." + branch + "." + SESSION_KEY, sessionId.toString());
        git.output(top, "config", "branch." + branch + "." + PROFILE_KEY, profileId);
        WorktreeInfo created = inspect(top, entry(top, branch), config(top).getOrDefault(branch, Map.of()));
        LOG.infof("worktree %s created on %s from %s for session %s", target, branch, baseRef, sessionId);
        emit(new DaemonMessage.WorktreeCreated(created));
        return created;
    }

    /** The Drover worktrees of {@code repo} (a repository's top level) with their state. */
    public List<WorktreeInfo> list(Path repo) throws ProjectException {
        Map<String, Map<String, String>> recorded = config(repo);
        List<WorktreeInfo> found = new ArrayList<>();
        for (Entry entry : entries(repo)) {
            if (entry.branch() != null && entry.branch().startsWith(BRANCH_PREFIX)) {
                found.add(inspect(repo, entry, recorded.getOrDefault(entry.branch(), Map.of())));
            }
        }
        return found;
    }

    /**
     * Releases the worktree that holds {@code directory}, the working directory of session
     * {@code sessionId} that ended: unless another running session works in it, it is removed with
     * its branch when clean and merged into its base or pushed, and otherwise kept with its flag.
     * Tells the listeners either way. Empty when {@code directory} is in no Drover worktree or the
     * worktree is still in use.
     */
    public Optional<Release> release(UUID sessionId, Path directory) {
        try {
            Optional<Located> located = locate(directory);
            if (located.isEmpty()) {
                return Optional.empty();
            }
            Path repo = located.get().repo();
            Entry entry = located.get().entry();
            WorktreeInfo info = inspect(repo, entry, config(repo).getOrDefault(entry.branch(), Map.of()));
            Release release = switch (info.state()) {
                case ACTIVE -> null;
                case DIRTY -> new Release(sessionId, info, false, "uncommitted changes");
                case UNMERGED -> new Release(sessionId, info, false,
                        "commits neither merged into " + info.base() + " nor pushed");
                case MISSING -> {
                    git.output(repo, "worktree", "prune");
                    yield new Release(sessionId, info, false, "its directory is gone; branch " + info.branch() + " kept");
                }
                case CLEAN -> {
                    git.output(repo, "worktree", "remove", entry.path().toString());
                    git.output(repo, "branch", "-D", entry.branch());
                    yield new Release(sessionId, info, true, info.merged() ? "merged into " + info.base() : "pushed");
                }
            };
            if (release == null) {
                LOG.debugf("worktree %s stays: another running session works in it", entry.path());
                return Optional.empty();
            }
            LOG.infof("worktree %s of session %s %s: %s", entry.path(), sessionId,
                    release.removed() ? "removed" : "kept", release.reason());
            emit(release.message());
            return Optional.of(release);
        } catch (ProjectException e) {
            LOG.warnf("worktree of session %s in %s not released: %s", sessionId, directory, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Force-removes the Drover worktree at {@code path} of {@code repo}, whatever it holds, and deletes
     * its branch, which must be {@code branch}: the explicit "discard worktree" action. Refuses a
     * worktree a running session works in, another branch, or a path outside the worktrees directory.
     */
    public void discard(Path repo, Path path, String branch) throws ProjectException {
        if (branch == null || !BRANCH.matcher(branch).matches()) {
            throw new ProjectException("not a Drover worktree branch: " + branch);
        }
        Path top = topLevel(repo);
        Entry entry = entries(top).stream()
                .filter(candidate -> branch.equals(candidate.branch()))
                .findFirst()
                .orElseThrow(() -> new ProjectException("no worktree on branch " + branch + " in " + top));
        if (!entry.path().equals(path.toAbsolutePath().normalize())) {
            throw new ProjectException("branch " + branch + " is checked out at " + entry.path() + ", not at " + path);
        }
        if (!entry.path().startsWith(worktreesDir())) {
            throw new ProjectException(entry.path() + " is not in the worktrees directory " + dir);
        }
        if (busy(entry.path())) {
            throw new ProjectException("a running session works in " + entry.path() + "; stop it first");
        }
        if (Files.isDirectory(entry.path())) {
            git.output(top, "worktree", "remove", "--force", "--force", entry.path().toString());
        } else {
            git.output(top, "worktree", "prune");
        }
        git.output(top, "branch", "-D", branch);
        LOG.infof("worktree %s on %s discarded", entry.path(), branch);
    }

    /** The worktrees directory, created if needed, by its real path. */
    Path worktreesDir() throws ProjectException {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new ProjectException("cannot create the worktrees directory " + dir + ": " + e.getMessage());
        }
    }

    /** A worktree found from a directory inside it, with its repository. */
    private record Located(Path repo, Entry entry) {
    }

    private Optional<Located> locate(Path directory) throws ProjectException {
        Path real = ProjectRoots.canonical(directory);
        Path base = worktreesDir();
        if (!real.startsWith(base) || real.equals(base)) {
            return Optional.empty();
        }
        Path top = base.resolve(base.relativize(real).getName(0));
        if (!Files.isDirectory(top)) {
            return Optional.empty();
        }
        Git.Result common = git.run(top, "rev-parse", "--path-format=absolute", "--git-common-dir");
        if (!common.ok()) {
            return Optional.empty();
        }
        Path gitDir = Path.of(common.out().strip());
        if (gitDir.getFileName() == null || !gitDir.getFileName().toString().equals(".git")) {
            return Optional.empty();
        }
        Path repo = gitDir.getParent();
        return entries(repo).stream()
                .filter(entry -> entry.path().equals(top) && entry.branch() != null
                        && entry.branch().startsWith(BRANCH_PREFIX))
                .findFirst()
                .map(entry -> new Located(repo, entry));
    }

    private WorktreeInfo inspect(Path repo, Entry entry, Map<String, String> recorded) throws ProjectException {
        boolean exists = Files.isDirectory(entry.path());
        Boolean dirty = exists ? !git.output(entry.path(), "status", "--porcelain", "--untracked-files=normal").isBlank()
                : null;
        String base = recorded.get(BASE_KEY);
        boolean merged = base != null
                && git.run(repo, "merge-base", "--is-ancestor", entry.head(), COMMIT.matcher(base).matches() ? base : HEADS + base)
                .ok();
        boolean pushed = !git.output(repo, "for-each-ref", "--contains", entry.head(), "--format=%(refname)",
                "refs/remotes").isBlank();
        WorktreeState state;
        if (exists && busy(entry.path())) {
            state = WorktreeState.ACTIVE;
        } else if (!exists) {
            state = WorktreeState.MISSING;
        } else if (dirty) {
            state = WorktreeState.DIRTY;
        } else if (!merged && !pushed) {
            state = WorktreeState.UNMERGED;
        } else {
            state = WorktreeState.CLEAN;
        }
        return new WorktreeInfo(repo.toString(), entry.path().toString(), entry.branch(), base,
                sessionId(recorded.get(SESSION_KEY)), recorded.get(PROFILE_KEY), shortHash(entry.head()), dirty, merged,
                pushed, state);
    }

    private boolean busy(Path worktree) {
        return busyDirectories.get().stream().map(ProjectRoots::canonical).anyMatch(directory -> directory.startsWith(worktree));
    }

    private Path topLevel(Path repo) throws ProjectException {
        Git.Result top = git.run(repo, "rev-parse", "--show-toplevel");
        if (!top.ok()) {
            throw new ProjectException(repo + " is not in a git repository");
        }
        return Path.of(top.out().strip());
    }

    private String currentBranch(Path repo) throws ProjectException {
        Git.Result branch = git.run(repo, "symbolic-ref", "--quiet", "--short", "HEAD");
        if (branch.ok()) {
            String name = branch.out().strip();
            if (!git.run(repo, "rev-parse", "--verify", "--quiet", HEADS + name).ok()) {
                throw new ProjectException(repo + " has no commits yet");
            }
            return name;
        }
        Git.Result detached = git.run(repo, "rev-parse", "--verify", "--quiet", "HEAD");
        if (!detached.ok()) {
            throw new ProjectException(repo + " has no commits yet");
        }
        return detached.out().strip();
    }

    private Entry entry(Path repo, String branch) throws ProjectException {
        return entries(repo).stream()
                .filter(entry -> branch.equals(entry.branch()))
                .findFirst()
                .orElseThrow(() -> new ProjectException("git did not create the worktree of " + branch));
    }

    /** {@code git worktree list --porcelain}: path, HEAD and branch (without refs/heads/, null when detached). */
    List<Entry> entries(Path repo) throws ProjectException {
        List<Entry> entries = new ArrayList<>();
        Path path = null;
        String head = null;
        String branch = null;
        for (String line : (git.output(repo, "worktree", "list", "--porcelain") + "\n").lines().toList()) {
            if (line.isEmpty()) {
                if (path != null) {
                    entries.add(new Entry(path, head, branch));
                }
                path = null;
                head = null;
                branch = null;
            } else if (line.startsWith("worktree ")) {
                path = Path.of(line.substring("worktree ".length()));
            } else if (line.startsWith("HEAD ")) {
                head = line.substring("HEAD ".length());
            } else if (line.startsWith("branch " + HEADS)) {
                branch = line.substring(("branch " + HEADS).length());
            }
        }
        return entries;
    }

    /** What the repository's config records about its Drover branches: branch → key → value. */
    private Map<String, Map<String, String>> config(Path repo) throws ProjectException {
        Git.Result result = git.run(repo, "config", "--get-regexp", "^branch\\.drover/.*\\.drover-");
        Map<String, Map<String, String>> recorded = new HashMap<>();
        if (!result.ok()) {
            return recorded;
        }
        for (String line : result.out().lines().toList()) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            int dot = key.lastIndexOf('.');
            if (dot <= "branch.".length()) {
                continue;
            }
            recorded.computeIfAbsent(key.substring("branch.".length(), dot), branch -> new HashMap<>())
                    .put(key.substring(dot + 1), space < 0 ? "" : line.substring(space + 1));
        }
        return recorded;
    }

    private static String directoryName(Path repo, UUID sessionId) {
        String name = UNSAFE_NAME.matcher(repo.getFileName().toString()).replaceAll("-").replaceFirst("^[.-]+", "");
        return (name.isEmpty() ? "repo" : name) + "-" + shortId(sessionId);
    }

    private static UUID sessionId(String recorded) {
        try {
            return recorded == null ? null : UUID.fromString(recorded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shortHash(String head) {
        return head == null ? null : head.substring(0, Math.min(12, head.length()));
    }

    private void emit(DaemonMessage message) {
        listeners.forEach(listener -> listener.accept(message));
    }
}
