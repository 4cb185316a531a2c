package dev.drover.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Deletes the state directories of the systems a test class started ({@link SystemUnderTest#start},
 * 0.5–1 GB each: logs, sessions, worktrees) once the class is done and all of it passed; keeps them
 * when anything failed and prints where they are, so the services' logs can be read. Runs after the
 * class's {@code @AfterAll} methods, which stop the system, and deletes a directory only when no
 * process (a tmux server, a session, a log writer) still uses it.
 */
public final class StateCleanup implements TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StateCleanup.class);
    private static final String FAILED = "failed";
    private static final Duration UNUSED_TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 100;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().orElse(context).getStore(NAMESPACE).put(FAILED, true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        boolean failed = context.getExecutionException().isPresent()
                || Boolean.TRUE.equals(context.getStore(NAMESPACE).get(FAILED, Boolean.class));
        for (Path state : SystemUnderTest.takeStates()) {
            if (failed) {
                System.out.println(context.getDisplayName() + " failed; the system's state and logs are kept in " + state);
            } else {
                delete(state);
            }
        }
    }

    /** Deletes {@code state} once no process uses it; keeps it, saying so, when one still does after a while. */
    static void delete(Path state) throws InterruptedException {
        if (!Files.exists(state)) {
            return;
        }
        List<String> users = awaitUnused(state);
        if (!users.isEmpty()) {
            System.out.println("kept " + state + ": still in use by " + String.join("; ", users));
            return;
        }
        try (Stream<Path> files = Files.walk(state)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.out.println("could not delete all of " + state + ": " + e.getMessage());
        }
    }

    /** Waits until no process uses {@code dir}; answers those that still do after {@link #UNUSED_TIMEOUT}. */
    private static List<String> awaitUnused(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + UNUSED_TIMEOUT.toNanos();
        List<String> users = users(dir);
        while (!users.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            users = users(dir);
        }
        return users;
    }

    /**
     * Other processes whose working directory or an open file is under {@code dir}, or whose
     * command line names it (a tmux server started with {@code -S <dir>/…/tmux.sock}), as
     * "pid command line".
     */
    private static List<String> users(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        List<String> users = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (!process.getFileName().toString().equals(String.valueOf(self))) {
                    String commandLine = commandLine(process);
                    if (commandLine.contains(dir + "/") || commandLine.contains(real + "/") || usesFileUnder(process, real)) {
                        users.add(process.getFileName() + " " + commandLine);
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("cannot list processes: " + e.getMessage());
        }
        return users;
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean usesFileUnder(Path process, Path dir) {
        try {
            if (Files.readSymbolicLink(process.resolve("cwd")).startsWith(dir)) {
                return true;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                for (Path fd : fds) {
                    if (Files.readSymbolicLink(fd).startsWith(dir)) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            // The process ended meanwhile, or it is not ours to inspect.
        }
        return false;
    }
}
