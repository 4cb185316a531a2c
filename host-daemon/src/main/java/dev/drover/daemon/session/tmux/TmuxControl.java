package dev.drover.daemon.session.tmux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One tmux control-mode client ({@code tmux -C attach}): commands go in as lines on its stdin, their
 * answers come back in order as {@code %begin … %end} (or {@code %error}) blocks on its stdout.
 * Notifications between blocks are ignored. Commands are written in the order of the calls.
 *
 * <p>tmux stops reading commands while its answers are not read, so the thread reading answers
 * never takes the writers' lock: a writer blocked on a full command pipe holds that lock until
 * tmux reads again, which it does because its answers keep being read.
 */
final class TmuxControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TmuxControl.class);

    /**
     * Unanswered command bytes a pipe always takes without blocking: Linux gives a pipe at least one
     * page (its smallest size, when a user has used up {@code pipe-user-pages-soft}), and bytes of
     * answered commands are no longer in the pipe.
     */
    static final int PIPE_SAFE_BYTES = 4096;

    private final Process process;
    private final OutputStream in;
    /**
     * Held while writing a command; fair, so the exit poll gets its turn during a paste, and taken
     * with {@code tryLock} (which never waits, fair or not) by callers that must not wait.
     */
    private final ReentrantLock writing = new ReentrantLock(true);
    /** Written commands waiting for their answers, in the order they were written. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Bytes of the commands in {@link #pending}. */
    private final AtomicLong unanswered = new AtomicLong();
    private volatile boolean ended;

    private record Pending(CompletableFuture<List<String>> answer, int bytes) {
    }

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

    /**
     * Sends one command line; the future completes with its output lines, or fails with its error.
     * Waits while the pipe to tmux is full (never call it from a thread that must not block).
     */
    CompletableFuture<List<String>> command(String line) {
        byte[] bytes = encode(line);
        writing.lock();
        try {
            return write(bytes);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Sends one command line only when that cannot wait: no other writer is busy and the pipe has
     * room for it for certain ({@link #PIPE_SAFE_BYTES}). Answers null when it sent nothing.
     */
    CompletableFuture<List<String>> tryCommand(String line) {
        byte[] bytes = encode(line);
        if (unanswered.get() + bytes.length > PIPE_SAFE_BYTES || !writing.tryLock()) {
            return null;
        }
        try {
            return unanswered.get() + bytes.length > PIPE_SAFE_BYTES ? null : write(bytes);
        } finally {
            writing.unlock();
        }
    }

    private static byte[] encode(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private CompletableFuture<List<String>> write(byte[] bytes) {
        Pending command = new Pending(new CompletableFuture<>(), bytes.length);
        unanswered.addAndGet(bytes.length);
        pending.add(command);
        try {
            if (ended) {
                throw new IOException("the tmux control client exited");
            }
            in.write(bytes);
            in.flush();
        } catch (IOException e) {
            if (pending.remove(command)) {
                unanswered.addAndGet(-bytes.length);
            }
            command.answer().completeExceptionally(e);
        }
        return command.answer();
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
        ended = true;
        for (Pending command; (command = pending.poll()) != null;) {
            command.answer().completeExceptionally(new IOException("the tmux control client exited"));
        }
    }

    private void complete(List<String> block, boolean error) {
        Pending command = pending.poll();
        if (command == null) {
            return;
        }
        unanswered.addAndGet(-command.bytes());
        CompletableFuture<List<String>> answer = command.answer();
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
