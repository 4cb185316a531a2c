package dev.drover.daemon.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the git CLI: an argv list (never a shell string) in a given directory, killed after a
 * timeout, with prompts and optional locks off (a scan must not take {@code index.lock} from the
 * user's own git) and {@code core.fsmonitor} off (reading a repository runs no program it names).
 * Blocks: call it off the event loop.
 */
public final class Git {

    private final String executable;
    private final Duration timeout;

    /** What a git command printed and how it ended. */
    public record Result(int exitCode, String out, String err) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr (or stdout), for a message to a user. */
        public String message() {
            String text = err.isBlank() ? out : err;
            String line = text.strip().lines().findFirst().orElse("");
            return line.isEmpty() ? "git exited with " + exitCode : line;
        }
    }

    public Git(Duration timeout) {
        this("git", timeout);
    }

    Git(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Runs {@code git <args>} in {@code dir}; fails with {@link ProjectException} when git is missing
     * or runs longer than the timeout.
     */
    public Result run(Path dir, String... args) throws ProjectException {
        List<String> argv = new ArrayList<>(args.length + 3);
        argv.add(executable);
        argv.add("-c");
        argv.add("core.fsmonitor=false");
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new ProjectException("cannot run git in " + dir + ": " + e.getMessage());
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ProjectException("git " + args[0] + " in " + dir + " took longer than " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ProjectException("interrupted while git " + args[0] + " ran in " + dir);
        } catch (ExecutionException e) {
            throw new ProjectException("cannot read the output of git " + args[0] + " in " + dir + ": "
                    + e.getCause().getMessage());
        }
    }

    /** Like {@link #run} but a non-zero exit fails with git's message. */
    public String output(Path dir, String... args) throws ProjectException {
        Result result = run(dir, args);
        if (!result.ok()) {
            throw new ProjectException("git " + args[0] + " failed in " + dir + ": " + result.message());
        }
        return result.out();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().name("git-output").start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return text;
    }
}
