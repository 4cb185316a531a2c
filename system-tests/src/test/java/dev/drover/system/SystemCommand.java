package dev.drover.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short command of the operating system (ip, kill) run to its end, as a test sets up or tears down a machine. */
final class SystemCommand {

    private static final long TIMEOUT_SECONDS = 20;

    private SystemCommand() {
    }

    /** Runs {@code argv} and returns its output; fails with that output when it cannot start or exits non-zero. */
    static String run(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + process.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs each of {@code commands} for cleaning up, reporting failures on stderr instead of throwing. */
    static void attempt(List<List<String>> commands) {
        for (List<String> argv : commands) {
            try {
                run(argv.toArray(String[]::new));
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
    }
}
