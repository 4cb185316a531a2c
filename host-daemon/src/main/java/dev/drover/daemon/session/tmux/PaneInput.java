package dev.drover.daemon.session.tmux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One pane's input that tmux has not been given yet, in the order it was written. The keeper's
 * command thread takes it a {@link Chunk} at a time (up to {@code chunkBytes}, several writes
 * pasted together), and the pane gets no turn while {@code chunksInTmux} of its chunks are
 * unanswered: tmux reads every command it is sent into a queue of its own, so without that bound a
 * flood of one pane would sit there ahead of every other pane's keystroke. All methods are
 * thread-safe; a caller that {@linkplain #claimTurn() claims a turn} must run one {@link #take()}.
 */
final class PaneInput {

    private record Write(byte[] bytes, CompletableFuture<Void> taken) {
    }

    /**
     * The next bytes for tmux and the writes whose last byte they hold: those are taken once tmux
     * answered the chunk's last command.
     */
    record Chunk(byte[] bytes, List<CompletableFuture<Void>> finished) {
    }

    private final int chunkBytes;
    private final int chunksInTmux;
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    /** Bytes of the first queued write that earlier chunks took. */
    private int offset;
    /** Chunks given to tmux and not answered yet. */
    private int inTmux;
    /** Whether a turn is queued on the command thread, or running and not past {@link #take()}. */
    private boolean turnQueued;

    PaneInput(int chunkBytes, int chunksInTmux) {
        this.chunkBytes = chunkBytes;
        this.chunksInTmux = chunksInTmux;
    }

    /** Queues {@code bytes}; answers whether the caller must queue a turn for this pane. */
    synchronized boolean add(byte[] bytes, CompletableFuture<Void> taken) {
        queue.add(new Write(bytes, taken));
        return claimTurn();
    }

    /** Whether nothing waits to go to tmux and no turn is queued. */
    synchronized boolean empty() {
        return queue.isEmpty() && !turnQueued;
    }

    /**
     * The next chunk, or null when nothing waits or tmux holds {@code chunksInTmux} of this pane's
     * chunks (an answer queues the next turn then). Ends the claimed turn.
     */
    synchronized Chunk take() {
        turnQueued = false;
        if (queue.isEmpty() || inTmux >= chunksInTmux) {
            return null;
        }
        int size = -offset;
        for (Write write : queue) {
            size += write.bytes().length;
            if (size >= chunkBytes) {
                break;
            }
        }
        byte[] bytes = new byte[Math.min(size, chunkBytes)];
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        int filled = 0;
        while (filled < bytes.length) {
            Write first = queue.peek();
            int count = Math.min(first.bytes().length - offset, bytes.length - filled);
            System.arraycopy(first.bytes(), offset, bytes, filled, count);
            filled += count;
            offset += count;
            if (offset == first.bytes().length) {
                queue.poll();
                offset = 0;
                finished.add(first.taken());
            }
        }
        inTmux++;
        return new Chunk(bytes, finished);
    }

    /** tmux answered one of this pane's chunks; answers whether the caller must queue a turn. */
    synchronized boolean answered() {
        inTmux--;
        return claimTurn();
    }

    /** Claims the pane's next turn when one is due and none is queued yet. */
    synchronized boolean claimTurn() {
        if (turnQueued || queue.isEmpty() || inTmux >= chunksInTmux) {
            return false;
        }
        turnQueued = true;
        return true;
    }

    /** Drops everything queued (the keeper closed): each write counts as taken. */
    synchronized void drop() {
        queue.forEach(write -> write.taken().complete(null));
        queue.clear();
        offset = 0;
        turnQueued = false;
    }
}
