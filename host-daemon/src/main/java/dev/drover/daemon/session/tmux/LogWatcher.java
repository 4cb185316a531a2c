package dev.drover.daemon.session.tmux;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Wakes a session's tailer when its log directory changes (inotify on Linux): the segment files are
 * written by tmux's {@code pipe-pane} writer, not by the daemon.
 */
final class LogWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogWatcher.class);

    private final WatchService watch;
    private final Map<WatchKey, Runnable> wakers = new ConcurrentHashMap<>();

    LogWatcher() throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        Thread.ofPlatform().name("tmux-log-watcher").daemon().start(this::run);
    }

    /** Runs {@code wake} (must not block) whenever a file in {@code dir} is created or written; returns the removal. */
    Runnable watch(Path dir, Runnable wake) throws IOException {
        WatchKey key = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        wakers.put(key, wake);
        return () -> {
            wakers.remove(key);
            key.cancel();
        };
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                Runnable wake = wakers.get(key);
                if (wake != null) {
                    wake.run();
                }
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            LOG.debug("log watcher closed");
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
