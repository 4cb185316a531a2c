package dev.drover.daemon.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Real git repositories in temporary directories, for the project and worktree tests. */
public final class Repos {

    public static final Git GIT = new Git(Duration.ofSeconds(20));

    private Repos() {
    }

    /** Runs git in {@code dir} and answers its output; fails the test when git fails. */
    public static String git(Path dir, String... args) throws ProjectException {
        return GIT.output(dir, args);
    }

    /** A new repository on branch {@code main} with one commit. */
    public static Path init(Path dir) throws Exception {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        commit(dir, "README.md", "# " + dir.getFileName() + "\n", "first commit");
        return dir.toRealPath();
    }

    /** Writes {@code file} and commits it. */
    public static void commit(Path dir, String file, String content, String message) throws Exception {
        write(dir, file, content);
        git(dir, "add", file);
        git(dir, "-c", "user.name=Drover Test", "-c", "user.email=test@drover.invalid", "commit", "-q", "-m", message);
    }

    public static void write(Path dir, String file, String content) throws IOException {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
    }
}
