package dev.drover.daemon.session.tmux;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.drover.daemon.session.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Tells a session's log follower that a file in its log directory was created or written: the
 * segment files are written by tmux's {@code pipe-pane} writer, not by the daemon. It reads inotify
 * itself, on one platform thread per keeper that runs the followers' callbacks right there (the
 * JDK's {@code WatchService} would put two more thread hand-offs on every keystroke's echo). Where
 * inotify is missing (not Linux) it watches nothing and the followers rely on their own poll.
 */
final class LogWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogWatcher.class);
    /** struct inotify_event: wd, mask, cookie, len, then len bytes of name. */
    private static final int EVENT_HEADER = 16;
    private static final int EVENT_BUFFER = 16 * 1024;
    /** The watch descriptor of IN_Q_OVERFLOW: events were lost, every follower must look. */
    private static final int QUEUE_OVERFLOW = -1;
    private static final NativeLong POLLED_COUNT = new NativeLong(2);
    private static final NativeLong EVENT_BUFFER_SIZE = new NativeLong(EVENT_BUFFER);

    private final Map<Integer, Runnable> wakers = new ConcurrentHashMap<>();
    private final int inotify;
    private final int wakeup;
    private volatile boolean closed;

    LogWatcher() {
        int[] fds = open();
        this.inotify = fds[0];
        this.wakeup = fds[1];
        if (inotify >= 0) {
            Thread.ofPlatform().name("tmux-log-watcher").daemon().start(this::run);
        } else {
            LOG.info("inotify is not available: session logs are followed by polling every 100 ms");
        }
    }

    /** Whether changes are reported (inotify is available). */
    boolean watching() {
        return inotify >= 0;
    }

    /** Runs {@code wake} (must not block for long) whenever a file in {@code dir} is created or written; returns the removal. */
    Runnable watch(Path dir, Runnable wake) throws IOException {
        if (inotify < 0) {
            return () -> {
            };
        }
        int wd = LibC.inotify_add_watch(inotify, dir.toString(), LibC.IN_CREATE | LibC.IN_MODIFY);
        if (wd < 0) {
            throw new IOException("cannot watch " + dir + " (errno " + LibC.errno() + ")");
        }
        wakers.put(wd, wake);
        return () -> {
            if (wakers.remove(wd, wake) && !closed) {
                LibC.inotify_rm_watch(inotify, wd);
            }
        };
    }

    private void run() {
        Memory polled = new Memory(16);
        Memory events = new Memory(EVENT_BUFFER);
        Set<Integer> changed = new HashSet<>();
        try {
            while (!closed) {
                polled.setInt(0, inotify);
                polled.setShort(4, LibC.POLLIN);
                polled.setShort(6, (short) 0);
                polled.setInt(8, wakeup);
                polled.setShort(12, LibC.POLLIN);
                polled.setShort(14, (short) 0);
                if (LibC.poll(polled, POLLED_COUNT, -1) < 0 && LibC.errno() != LibC.EINTR) {
                    LOG.warnf("log watcher stopped: poll failed (errno %d)", LibC.errno());
                    return;
                }
                long n = LibC.read(inotify, events, EVENT_BUFFER_SIZE).longValue();
                for (long at = 0; at + EVENT_HEADER <= n; at += EVENT_HEADER + events.getInt(at + 12)) {
                    changed.add(events.getInt(at));
                }
                Iterable<Runnable> woken = changed.contains(QUEUE_OVERFLOW) ? wakers.values()
                        : changed.stream().map(wakers::get).filter(Objects::nonNull)::iterator;
                for (Runnable wake : woken) {
                    try {
                        wake.run();
                    } catch (RuntimeException e) {
                        LOG.warnf("following a session log: %s", e.toString());
                    }
                }
                changed.clear();
            }
        } finally {
            LibC.close(inotify);
            LibC.close(wakeup);
        }
    }

    @Override
    public void close() {
        if (closed || inotify < 0) {
            return;
        }
        closed = true;
        wakers.clear();
        Memory one = new Memory(Long.BYTES);
        one.setLong(0, 1);
        LibC.write(wakeup, one, new NativeLong(Long.BYTES));
    }

    /** An inotify descriptor and an eventfd that wakes its reader, or {@code -1, -1}. */
    private static int[] open() {
        if (!LibC.AVAILABLE) {
            return new int[] {-1, -1};
        }
        int fd = LibC.inotify_init1(LibC.NONBLOCK | LibC.CLOEXEC);
        if (fd < 0) {
            return new int[] {-1, -1};
        }
        int wake = LibC.eventfd(0, LibC.NONBLOCK | LibC.CLOEXEC);
        if (wake < 0) {
            LibC.close(fd);
            return new int[] {-1, -1};
        }
        return new int[] {fd, wake};
    }
}
