package dev.drover.daemon.session.tmux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One tmux control-mode client ({@code tmux -C attach}): commands go in as lines on its stdin, their
 * answers come back in order as {@code %begin … %end} (or {@code %error}) blocks on its stdout.
 * Notifications between blocks are ignored. Commands are written in the order of the calls.
 */
final class TmuxControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TmuxControl.class);

    private final Process process;
    private final OutputStream in;
    private final Queue<CompletableFuture<List<String>>> pending = new ArrayDeque<>();

    TmuxControl(List<String> tmux, String session, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(tmux);
        command.addAll(List.of("-C", "attach-session", "-t", "=" + session));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.in = process.getOutputStream();
        Thread.ofPlatform().name("tmux-control").daemon().start(this::readAnswers);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends one command line; the future completes with its output lines, or fails with its error. */
    CompletableFuture<List<String>> command(String line) {
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            pending.add(answer);
            try {
                in.write(bytes);
                in.flush();
            } catch (IOException e) {
                pending.remove(answer);
                answer.completeExceptionally(e);
            }
        }
        return answer;
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> block = null;
            boolean ours = false;
            String line;
            while ((line = out.readLine()) != null) {
                if (block == null) {
                    if (line.startsWith("%begin ")) {
                        block = new ArrayList<>();
                        ours = line.endsWith(" 1");
                    }
                    continue;
                }
                if (line.startsWith("%end ") || line.startsWith("%error ")) {
                    if (ours) {
                        complete(block, line.startsWith("%error "));
                    }
                    block = null;
                } else {
                    block.add(line);
                }
            }
        } catch (IOException e) {
            LOG.debugf("tmux control client: %s", e.getMessage());
        }
        synchronized (this) {
            pending.forEach(answer -> answer.completeExceptionally(new IOException("the tmux control client exited")));
            pending.clear();
        }
    }

    private void complete(List<String> block, boolean error) {
        CompletableFuture<List<String>> answer;
        synchronized (this) {
            answer = pending.poll();
        }
        if (answer == null) {
            return;
        }
        if (error) {
            answer.completeExceptionally(new IOException(String.join("; ", block)));
        } else {
            answer.complete(block);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
