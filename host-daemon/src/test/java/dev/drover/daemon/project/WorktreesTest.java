package dev.drover.daemon.project;

import static dev.drover.daemon.project.Repos.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.WorktreeInfo;
import dev.drover.protocol.daemon.WorktreeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {

    private static final UUID SESSION = UUID.fromString("01900000-0000-7000-8000-00c0ffee0001");

    @TempDir
    Path tmp;

    Path repo;
    Path dir;
    final List<Path> running = new CopyOnWriteArrayList<>();
    final List<DaemonMessage> events = new CopyOnWriteArrayList<>();
    Worktrees worktrees;

    @BeforeEach
    void repository() throws Exception {
        repo = Repos.init(tmp.resolve("code/shop"));
        dir = Files.createDirectories(tmp.resolve("state/worktrees")).toRealPath();
        worktrees = new Worktrees(Repos.GIT, dir, () -> List.copyOf(running));
        worktrees.onChange(events::add);
    }

    private WorktreeInfo create() throws ProjectException {
        return worktrees.create(repo, "claude", SESSION);
    }

    private static void commitIn(Path tree, String file) throws Exception {
        Repos.commit(tree, file, "work on " + file, "agent work on " + file);
    }

    private boolean branchExists(String branch) throws ProjectException {
        return Repos.GIT.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok();
    }

    @Test
    void createMakesABranchFromHeadInTheWorktreesDirectoryAndRecordsItsBase() throws Exception {
        WorktreeInfo created = create();

        Path path = dir.resolve("shop-00c0ffee");
        assertThat(created.path()).isEqualTo(path.toString());
        assertThat(created.repo()).isEqualTo(repo.toString());
        assertThat(created.branch()).isEqualTo("drover/claude-00c0ffee");
        assertThat(created.base()).isEqualTo("main");
        assertThat(created.sessionId()).isEqualTo(SESSION);
        assertThat(created.profileId()).isEqualTo("claude");
        assertThat(created.state()).isEqualTo(WorktreeState.CLEAN);
        assertThat(git(path, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("drover/claude-00c0ffee");
        assertThat(git(path, "rev-parse", "HEAD")).isEqualTo(git(repo, "rev-parse", "main"));
        assertThat(git(repo, "config", "branch.drover/claude-00c0ffee.drover-base").strip()).isEqualTo("main");
        assertThat(events).containsExactly(new DaemonMessage.WorktreeCreated(created));
        assertThat(create()).isEqualTo(created);
        assertThat(worktrees.list(repo)).containsExactly(created);
    }

    @Test
    void aDirtyWorktreeIsKeptAndFlaggedOnRelease() throws Exception {
        Path path = Path.of(create().path());
        Repos.write(path, "notes.md", "unsaved thoughts");

        Worktrees.Release release = worktrees.release(SESSION, path).orElseThrow();

        assertThat(release.removed()).isFalse();
        assertThat(release.reason()).isEqualTo("uncommitted changes");
        assertThat(release.worktree().state()).isEqualTo(WorktreeState.DIRTY);
        assertThat(release.worktree().dirty()).isTrue();
        assertThat(Files.readString(path.resolve("notes.md"))).isEqualTo("unsaved thoughts");
        assertThat(branchExists("drover/claude-00c0ffee")).isTrue();
        assertThat(events.getLast()).isEqualTo(new DaemonMessage.WorktreeReleased(SESSION, release.worktree(), false,
                "uncommitted changes"));
    }

    @Test
    void committedButUnmergedAndUnpushedWorkIsKeptAndFlagged() throws Exception {
        Path path = Path.of(create().path());
        commitIn(path, "feature.txt");

        Worktrees.Release release = worktrees.release(SESSION, path.resolve("sub-dir-of-nothing")).orElseThrow();

        assertThat(release.removed()).isFalse();
        assertThat(release.reason()).isEqualTo("commits neither merged into main nor pushed");
        assertThat(release.worktree().state()).isEqualTo(WorktreeState.UNMERGED);
        assertThat(release.worktree()).extracting(WorktreeInfo::merged, WorktreeInfo::pushed).containsExactly(false, false);
        assertThat(Files.isRegularFile(path.resolve("feature.txt"))).isTrue();
    }

    @Test
    void aCleanWorktreeMergedIntoItsBaseIsRemovedWithItsBranch() throws Exception {
        Path path = Path.of(create().path());
        commitIn(path, "feature.txt");
        git(repo, "merge", "-q", "--ff-only", "drover/claude-00c0ffee");

        Worktrees.Release release = worktrees.release(SESSION, path).orElseThrow();

        assertThat(release.removed()).isTrue();
        assertThat(release.reason()).isEqualTo("merged into main");
        assertThat(Files.exists(path)).isFalse();
        assertThat(branchExists("drover/claude-00c0ffee")).isFalse();
        assertThat(worktrees.list(repo)).isEmpty();
        assertThat(Files.readString(repo.resolve("feature.txt"))).isEqualTo("work on feature.txt");
    }

    @Test
    void aCleanWorktreePushedToARemoteIsRemoved() throws Exception {
        Path remote = tmp.resolve("remote.git");
        git(tmp, "init", "-q", "--bare", remote.toString());
        git(repo, "remote", "add", "origin", remote.toString());
        Path path = Path.of(create().path());
        commitIn(path, "feature.txt");
        git(path, "push", "-q", "-u", "origin", "drover/claude-00c0ffee");

        Worktrees.Release release = worktrees.release(SESSION, path).orElseThrow();

        assertThat(release.removed()).isTrue();
        assertThat(release.reason()).isEqualTo("pushed");
        assertThat(release.worktree()).extracting(WorktreeInfo::merged, WorktreeInfo::pushed).containsExactly(false, true);
        assertThat(Files.exists(path)).isFalse();
        assertThat(branchExists("drover/claude-00c0ffee")).isFalse();
        assertThat(git(remote, "rev-parse", "--verify", "drover/claude-00c0ffee")).isNotBlank();
    }

    @Test
    void aWorktreeAnotherRunningSessionWorksInIsNotReleased() throws Exception {
        Path path = Path.of(create().path());
        running.add(path);

        assertThat(worktrees.release(SESSION, path)).isEmpty();
        assertThat(worktrees.list(repo)).singleElement().extracting(WorktreeInfo::state).isEqualTo(WorktreeState.ACTIVE);
        assertThatThrownBy(() -> worktrees.discard(repo, path, "drover/claude-00c0ffee"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("a running session works in " + path + "; stop it first");

        running.clear();
        assertThat(worktrees.release(SESSION, path)).get().extracting(Worktrees.Release::removed).isEqualTo(true);
    }

    @Test
    void discardForceRemovesADirtyWorktreeAndItsBranch() throws Exception {
        Path path = Path.of(create().path());
        commitIn(path, "feature.txt");
        Repos.write(path, "scratch.txt", "unsaved");

        worktrees.discard(repo, path, "drover/claude-00c0ffee");

        assertThat(Files.exists(path)).isFalse();
        assertThat(branchExists("drover/claude-00c0ffee")).isFalse();
        assertThat(Repos.GIT.run(repo, "config", "--get-regexp", "^branch\\.drover/").exitCode())
                .as("git config keeps nothing about the branch").isEqualTo(1);
    }

    @Test
    void discardRefusesAnythingButTheNamedDroverWorktree() throws Exception {
        Path path = Path.of(create().path());
        assertThatThrownBy(() -> worktrees.discard(repo, path, "main"))
                .hasMessage("not a Drover worktree branch: main");
        assertThatThrownBy(() -> worktrees.discard(repo, path, "drover/claude-00c0ffee; rm -rf /"))
                .hasMessage("not a Drover worktree branch: drover/claude-00c0ffee; rm -rf /");
        assertThatThrownBy(() -> worktrees.discard(repo, path, "drover/codex-00c0ffee"))
                .hasMessage("no worktree on branch drover/codex-00c0ffee in " + repo);
        assertThatThrownBy(() -> worktrees.discard(repo, repo, "drover/claude-00c0ffee"))
                .hasMessage("branch drover/claude-00c0ffee is checked out at " + path + ", not at " + repo);
        Path elsewhere = tmp.resolve("own-worktree");
        git(repo, "worktree", "add", "-q", "-b", "drover/manual-12345678", elsewhere.toString());
        assertThatThrownBy(() -> worktrees.discard(repo, elsewhere.toRealPath(), "drover/manual-12345678"))
                .hasMessage(elsewhere.toRealPath() + " is not in the worktrees directory " + dir);
        assertThat(Files.isDirectory(path)).isTrue();
        assertThat(Files.isDirectory(elsewhere)).isTrue();
    }

    @Test
    void profileIdsWithShellMetacharactersOrRefSyntaxAreRefusedAndNothingRuns() throws Exception {
        for (String profile : List.of("claude; rm -rf ~", "$(touch x)", "a b", "../up", "x..y", "-flag", "", "name.lock",
                "a".repeat(41))) {
            assertThatThrownBy(() -> worktrees.create(repo, profile, SESSION))
                    .as(profile)
                    .isInstanceOf(ProjectException.class)
                    .hasMessage("a profile id is 1-40 letters, digits, '-' or '_', starting with a letter or digit");
        }
        assertThatThrownBy(() -> worktrees.create(repo, null, SESSION)).isInstanceOf(ProjectException.class);
        assertThat(git(repo, "branch", "--list", "drover/*")).isEmpty();
        assertThat(Files.list(dir)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aRepositoryWithoutCommitsOrNotARepositoryIsRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("code/empty")).toRealPath();
        git(empty, "init", "-q", "-b", "main");
        assertThatThrownBy(() -> worktrees.create(empty, "claude", SESSION)).hasMessage(empty + " has no commits yet");
        Path plain = Files.createDirectories(tmp.resolve("plain")).toRealPath();
        assertThatThrownBy(() -> worktrees.create(plain, "claude", SESSION)).hasMessage(plain + " is not in a git repository");
    }

    @Test
    void aWorktreeFromADetachedHeadRecordsTheCommitAsItsBase() throws Exception {
        Repos.commit(repo, "second.txt", "2", "second");
        String first = git(repo, "rev-parse", "HEAD~1").strip();
        git(repo, "checkout", "-q", "--detach", first);

        WorktreeInfo created = create();

        assertThat(created.base()).isEqualTo(first);
        assertThat(created.head()).isEqualTo(first.substring(0, 12));
        assertThat(worktrees.release(SESSION, Path.of(created.path()))).get()
                .extracting(Worktrees.Release::removed).isEqualTo(true);
    }

    @Test
    void aDirectoryOutsideTheWorktreesDirectoryReleasesNothing() {
        assertThat(worktrees.release(SESSION, repo)).isEmpty();
        assertThat(worktrees.release(SESSION, dir)).isEmpty();
        assertThat(events).isEmpty();
    }
}
