package dev.drover.daemon.session.tmux;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Commands for the control client that may wait for the pipe to tmux, run by one thread. Each lane
 * (a pane) keeps its commands in order, and the lanes take turns one command at a time, so a long
 * paste into one pane never holds up another pane's keystrokes by more than one command.
 */
final class CommandLanes implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommandLanes.class);

    /** Lanes with waiting commands, in turn order. */
    private final Map<String, ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
    /** Commands per lane that have not finished (waiting or running). */
    private final Map<String, Integer> unfinished = new HashMap<>();
    private boolean closed;

    CommandLanes(String threadName) {
        Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    /** Whether no command of {@code lane} waits or runs. */
    synchronized boolean idle(String lane) {
        return !unfinished.containsKey(lane);
    }

    /** Queues {@code command} behind the lane's earlier ones; false when closed (nothing queued). */
    synchronized boolean submit(String lane, Runnable command) {
        if (closed) {
            return false;
        }
        waiting.computeIfAbsent(lane, key -> new ArrayDeque<>()).add(command);
        unfinished.merge(lane, 1, Integer::sum);
        notifyAll();
        return true;
    }

    private void run() {
        while (true) {
            String lane;
            Runnable command;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                Iterator<Map.Entry<String, ArrayDeque<Runnable>>> turns = waiting.entrySet().iterator();
                Map.Entry<String, ArrayDeque<Runnable>> next = turns.next();
                lane = next.getKey();
                ArrayDeque<Runnable> commands = next.getValue();
                command = commands.poll();
                turns.remove();
                if (!commands.isEmpty()) {
                    waiting.put(lane, commands);
                }
            }
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.warnf("tmux command for %s failed: %s", lane, e.getMessage());
            } finally {
                synchronized (this) {
                    unfinished.computeIfPresent(lane, (key, count) -> count == 1 ? null : count - 1);
                }
            }
        }
    }

    /** Stops; commands still waiting are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        waiting.clear();
        notifyAll();
    }
}
