package dev.drover.system.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The keeper's share measured on its own: a private tmux server with the daemon's options and no
 * Drover process at all. It shows what the tmux keeper costs any design built on it, in the same
 * run as the figures through Drover. Keys go in as the daemon sends them ({@code send-keys -H} on
 * a control client); output comes back either as the daemon reads it ({@code pipe-pane -O} into a
 * process that writes on, here a FIFO this JVM reads) or as a control client's {@code %output}.
 */
final class TmuxAlone implements AutoCloseable {

    /** The server options the daemon's keeper sets that matter for speed (TmuxKeeper). */
    private static final List<List<String>> OPTIONS = List.of(
            List.of("set-option", "-s", "exit-empty", "off"),
            List.of("set-option", "-s", "escape-time", "0"),
            List.of("set-option", "-g", "remain-on-exit", "on"),
            List.of("set-option", "-g", "history-limit", "100"),
            List.of("set-option", "-g", "status", "off"));

    private final Path dir;
    private final List<String> tmux;

    private TmuxAlone(Path dir) {
        this.dir = dir;
        this.tmux = List.of("tmux", "-S", dir.resolve("tmux.sock").toString(), "-f", "/dev/null");
    }

    /** A tmux server with a holder session {@code holder} running {@code cat}. */
    static TmuxAlone start() throws IOException, InterruptedException {
        TmuxAlone alone = new TmuxAlone(Files.createTempDirectory("drover-bench-tmux"));
        alone.run(List.of("new-session", "-d", "-s", "holder", "-x", "80", "-y", "24", "cat"));
        for (List<String> option : OPTIONS) {
            alone.run(option);
        }
        return alone;
    }

    /** Echo latencies of single bytes: {@code send-keys -H} in, {@code pipe-pane} → {@code cat} → FIFO out. */
    long[] echoThroughPipePane(int warmup, int count) throws IOException, InterruptedException {
        Path fifo = dir.resolve("echo.fifo");
        exec(List.of("mkfifo", fifo.toString()));
        run(List.of("new-session", "-d", "-s", "echo", "-x", "120", "-y", "40", "stty raw -echo; printf R; exec cat"),
                List.of(";", "pipe-pane", "-O", "exec cat > " + fifo));
        Process control = control("holder");
        Thread.ofVirtual().start(() -> drain(control.getInputStream()));
        try (InputStream out = Files.newInputStream(fifo); OutputStream in = control.getOutputStream()) {
            expect(out, 'R');
            return RoundTrips.blocking(warmup, count, () -> {
                sendKey(in, "echo");
                expect(out, 'x');
            });
        } finally {
            control.destroy();
        }
    }

    /** Echo latencies of single bytes: {@code send-keys -H} in, the control client's {@code %output} out. */
    long[] echoThroughControlOutput(int warmup, int count) throws IOException, InterruptedException {
        run(List.of("new-session", "-d", "-s", "output", "-x", "120", "-y", "40", "stty raw -echo; printf R; exec cat"));
        awaitCursorMoved("output");
        Process control = control("output");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream in = control.getOutputStream()) {
            return RoundTrips.blocking(warmup, count, () -> {
                sendKey(in, "output");
                awaitOutput(out, 'x');
            });
        } finally {
            control.destroy();
        }
    }

    /**
     * Bytes per second of {@code head -c <bytes> /dev/zero | tr '\0' a} through a tmux pane whose
     * output {@code pipe-pane} hands to {@code cat > /dev/null}: the rate tmux itself sustains.
     */
    double throughput(long bytes) throws IOException, InterruptedException {
        Path done = dir.resolve("throughput.done");
        long start = System.nanoTime();
        run(List.of("new-session", "-d", "-s", "throughput", "-x", "120", "-y", "40",
                "head -c " + bytes + " /dev/zero | tr '\\0' a; touch " + done),
                List.of(";", "pipe-pane", "-O", "exec cat > /dev/null"));
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(done)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("tmux did not pass " + bytes + " bytes within 120 s");
            }
            Thread.sleep(2);
        }
        return bytes / ((System.nanoTime() - start) / 1e9);
    }

    /** Types {@code x} into the session's pane through a control client, as the daemon does. */
    private static void sendKey(OutputStream control, String session) throws IOException {
        control.write(("send-keys -t =" + session + ": -H 78\n").getBytes(StandardCharsets.US_ASCII));
        control.flush();
    }

    private Process control(String session) throws IOException {
        List<String> command = new ArrayList<>(tmux);
        command.addAll(List.of("-C", "attach-session", "-t", "=" + session));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Waits until the pane's command has printed its first character, so its terminal is raw: a
     * control client sees only output written after it attached, so it cannot wait for that itself.
     */
    private void awaitCursorMoved(String session) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exec(command(List.of("display-message", "-p", "-t", "=" + session + ":", "#{cursor_x}"))).strip().equals("0")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the pane of " + session + " printed nothing within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Reads the control client's lines up to the {@code %output} that ends with {@code wanted}: a
     * client that just attached may get the pane's output from before it together with the echo.
     */
    private static void awaitOutput(BufferedReader out, char wanted) throws IOException {
        String suffix = String.valueOf(wanted);
        String line;
        do {
            line = out.readLine();
            if (line == null) {
                throw new IOException("the tmux control client ended");
            }
        } while (!(line.startsWith("%output ") && line.endsWith(suffix)));
    }

    private static void expect(InputStream out, int wanted) throws IOException {
        int got = out.read();
        if (got != wanted) {
            throw new IOException("tmux echoed " + got + " instead of " + wanted);
        }
    }

    private static void drain(InputStream answers) {
        try (answers) {
            answers.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The control client went away with the measurement.
        }
    }

    @SafeVarargs
    private void run(List<String>... commands) throws IOException, InterruptedException {
        exec(command(commands));
    }

    @SafeVarargs
    private List<String> command(List<String>... commands) {
        List<String> command = new ArrayList<>(tmux);
        for (List<String> part : commands) {
            command.addAll(part);
        }
        return command;
    }

    /** Runs {@code command} and answers its output; fails when it does. */
    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("kill-server"));
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
