package dev.drover.daemon.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootsTest {

    @TempDir
    Path tmp;

    Path code;
    Path outside;
    Path worktrees;
    ProjectRoots roots;

    @BeforeEach
    void roots() throws Exception {
        code = Files.createDirectories(tmp.resolve("home/code")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("elsewhere/secret")).toRealPath();
        worktrees = Files.createDirectories(tmp.resolve("state/worktrees")).toRealPath();
        roots = new ProjectRoots(List.of(code, tmp.resolve("home/missing")), worktrees);
    }

    @Test
    void aDirectoryInsideARootResolvesToItsCanonicalPath() throws Exception {
        Path project = Files.createDirectories(code.resolve("app"));
        assertThat(roots.resolve(project.toString())).isEqualTo(project);
        assertThat(roots.resolve(code + "/./app/")).isEqualTo(project);
        assertThat(roots.resolve(code.toString())).isEqualTo(code);
    }

    @Test
    void aDirectoryInsideTheWorktreesDirectoryIsAllowed() throws Exception {
        Path tree = Files.createDirectories(worktrees.resolve("app-0123abcd"));
        assertThat(roots.resolve(tree.toString())).isEqualTo(tree);
    }

    @Test
    void aPathOutsideTheRootsIsRefused() {
        assertThatThrownBy(() -> roots.resolve(outside.toString()))
                .isInstanceOf(ProjectException.class)
                .hasMessage(outside + " is outside the project roots (" + code + ", " + tmp.resolve("home/missing") + ")");
        assertThatThrownBy(() -> roots.resolve("/"))
                .hasMessageStartingWith("/ is outside the project roots");
    }

    @Test
    void dotDotSegmentsAreRefusedEvenWhenTheyWouldStayInside() throws Exception {
        Files.createDirectories(code.resolve("app"));
        assertThatThrownBy(() -> roots.resolve(code + "/app/../app"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("a project path must not contain '..': " + code + "/app/../app");
        assertThatThrownBy(() -> roots.resolve(code + "/../../elsewhere/secret"))
                .hasMessageStartingWith("a project path must not contain '..'");
    }

    @Test
    void aSymbolicLinkLeavingTheRootsIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(code.resolve("escape"), outside);
        assertThatThrownBy(() -> roots.resolve(link.toString()))
                .isInstanceOf(ProjectException.class)
                .hasMessage(link + " leaves the project roots through a symbolic link (it is " + outside + ")");
        Path nested = Files.createDirectories(outside.resolve("deeper"));
        assertThatThrownBy(() -> roots.resolve(link.resolve("deeper").toString()))
                .hasMessage(link.resolve("deeper") + " leaves the project roots through a symbolic link (it is " + nested + ")");
    }

    @Test
    void aSymbolicLinkStayingInsideResolvesToItsTarget() throws Exception {
        Path project = Files.createDirectories(code.resolve("app"));
        Path link = Files.createSymbolicLink(code.resolve("shortcut"), project);
        assertThat(roots.resolve(link.toString())).isEqualTo(project);
    }

    @Test
    void missingRelativeBlankAndNonDirectoryPathsAreRefused() throws Exception {
        assertThatThrownBy(() -> roots.resolve(code + "/nope")).hasMessage("no such directory: " + code + "/nope");
        assertThatThrownBy(() -> roots.resolve("code/app")).hasMessage("a project path must be absolute: code/app");
        assertThatThrownBy(() -> roots.resolve(" ")).hasMessage("a project path is required");
        assertThatThrownBy(() -> roots.resolve(null)).hasMessage("a project path is required");
        Path file = Files.writeString(code.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> roots.resolve(file.toString())).hasMessage("not a directory: " + file);
        assertThatThrownBy(() -> roots.resolve(code + "/a\nb")).hasMessage("a project path must not contain control characters");
    }

    @Test
    void onlyExistingRootsAreScannedByTheirRealPaths() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked"), code);
        ProjectRoots withLink = new ProjectRoots(List.of(linkedRoot, tmp.resolve("missing"), code), worktrees);
        assertThat(withLink.existing()).containsExactly(code);
        assertThat(withLink.configured()).containsExactly(linkedRoot, tmp.resolve("missing"), code);
    }
}
