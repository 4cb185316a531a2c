package dev.drover.daemon.project;

import static dev.drover.daemon.project.Repos.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drover.protocol.daemon.ProjectInfo;
import dev.drover.protocol.daemon.WorktreeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectScannerTest {

    private static final List<String> IGNORE = List.of("node_modules", ".git", "target", "**/skip/this");

    @TempDir
    Path tmp;

    Path home;
    Path worktreesDir;
    Worktrees worktrees;

    @BeforeEach
    void home() throws Exception {
        home = Files.createDirectories(tmp.resolve("home")).toRealPath();
        worktreesDir = home.resolve(".local/state/drover/worktrees");
        worktrees = new Worktrees(Repos.GIT, worktreesDir, List::of);
    }

    private ProjectScanner scanner(List<Path> roots, int depth) {
        return new ProjectScanner(new ProjectRoots(roots, worktreesDir), depth, IGNORE, 3, Repos.GIT, worktrees);
    }

    private static List<String> paths(ProjectScanner.Scan scan) {
        return scan.projects().stream().map(ProjectInfo::path).toList();
    }

    @Test
    void findsRepositoriesWithinTheDepthAndOutsideIgnoredDirectories() throws Exception {
        Path top = Repos.init(home.resolve("top"));
        Path deep = Repos.init(home.resolve("a/b/deep"));
        Repos.init(home.resolve("a/b/c/too-deep"));
        Repos.init(home.resolve("web/node_modules/dependency"));
        Repos.init(home.resolve("svc/target/generated"));
        Repos.init(home.resolve("x/skip/this"));
        Path nested = Repos.init(top.resolve("libs/nested"));

        ProjectScanner.Scan scan = scanner(List.of(home), 3).refresh();

        assertThat(paths(scan)).containsExactly(deep.toString(), top.toString(), nested.toString());
        assertThat(scan.roots()).containsExactly(home.toString());
        assertThat(scan.scannedAt()).isNotNull();
        assertThat(paths(scanner(List.of(home), 1).refresh())).containsExactly(top.toString());
    }

    @Test
    void nestedRootsListEachRepositoryOnceAndAnInnerRootReachesDeeper() throws Exception {
        Path code = home.resolve("code");
        Path shallow = Repos.init(code.resolve("app"));
        Path deep = Repos.init(code.resolve("clients/acme/legacy"));

        ProjectScanner.Scan scan = scanner(List.of(home, code), 3).refresh();

        assertThat(paths(scan)).containsExactly(shallow.toString(), deep.toString());
    }

    @Test
    void symbolicLinksAreNotFollowedAndTheRootsOwnLinkIsResolved() throws Exception {
        Path outside = Repos.init(tmp.resolve("outside/secret-repo"));
        Files.createSymbolicLink(home.resolve("escape"), outside.getParent());
        Path inside = Repos.init(home.resolve("inside"));
        Path linkedHome = Files.createSymbolicLink(tmp.resolve("home-link"), home);

        ProjectScanner.Scan scan = scanner(List.of(linkedHome), 3).refresh();

        assertThat(paths(scan)).containsExactly(inside.toString());
    }

    @Test
    void readsBranchHeadDirtyFlagAndRemote() throws Exception {
        Path clean = Repos.init(home.resolve("clean"));
        git(clean, "remote", "add", "backup", "https://example.invalid/backup.git");
        git(clean, "remote", "add", "origin", "git@example.invalid:team/clean.git");
        Path dirty = Repos.init(home.resolve("dirty"));
        Repos.write(dirty, "untracked.txt", "new");
        git(dirty, "remote", "add", "upstream", "https://example.invalid/up.git");
        Path detached = Repos.init(home.resolve("detached"));
        Repos.commit(detached, "b.txt", "b", "second");
        String first = git(detached, "rev-parse", "HEAD~1").strip();
        git(detached, "checkout", "-q", "--detach", first);
        Path feature = Repos.init(home.resolve("feature"));
        git(feature, "checkout", "-q", "-b", "feature/login");
        Repos.write(feature, "README.md", "changed");
        Path empty = home.resolve("empty");
        Files.createDirectories(empty);
        git(empty, "init", "-q", "-b", "trunk");

        ProjectScanner.Scan scan = scanner(List.of(home), 2).refresh();

        assertThat(scan.projects())
                .extracting(ProjectInfo::name, ProjectInfo::branch, ProjectInfo::dirty, ProjectInfo::remote, ProjectInfo::error)
                .containsExactly(
                        tuple("clean", "main", false, "git@example.invalid:team/clean.git", null),
                        tuple("detached", null, false, null, null),
                        tuple("dirty", "main", true, "https://example.invalid/up.git", null),
                        tuple("empty", "trunk", false, null, null),
                        tuple("feature", "feature/login", true, null, null));
        ProjectInfo detachedInfo = scan.projects().get(1);
        assertThat(detachedInfo.head()).isEqualTo(first.substring(0, 12));
        assertThat(scan.projects().get(3).head()).isNull();
        assertThat(scan.projects().get(0).worktrees()).isEmpty();
    }

    @Test
    void worktreesAreListedUnderTheirProjectNotAsProjects() throws Exception {
        Path repo = Repos.init(home.resolve("app"));
        UUID session = UUID.fromString("01900000-0000-7000-8000-1234abcd5678");
        worktrees.create(repo, "claude", session);

        ProjectScanner.Scan scan = scanner(List.of(home), 6).refresh();

        assertThat(paths(scan)).containsExactly(repo.toString());
        assertThat(scan.projects().getFirst().worktrees())
                .singleElement()
                .satisfies(tree -> {
                    assertThat(tree.branch()).isEqualTo("drover/claude-1234abcd");
                    assertThat(tree.path()).isEqualTo(worktreesDir.resolve("app-1234abcd").toString());
                    assertThat(tree.sessionId()).isEqualTo(session);
                    assertThat(tree.state()).isEqualTo(WorktreeState.CLEAN);
                });
    }

    @Test
    void latestAnswersTheLastScanUntilARefresh() throws Exception {
        Path first = Repos.init(home.resolve("first"));
        ProjectScanner scanner = scanner(List.of(home), 2);
        ProjectScanner.Scan scan = scanner.latest();
        Path second = Repos.init(home.resolve("second"));

        assertThat(scanner.latest()).isSameAs(scan);
        assertThat(paths(scanner.refresh())).containsExactly(first.toString(), second.toString());
    }
}
