package dev.drover.daemon.session;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import org.jboss.logging.Logger;

/**
 * Keeps the session logs within their bounds (docs/adr/0005-session-log-segments.md): each log
 * within {@code perSession} bytes, all of them together within {@code total}, by deleting whole
 * segments from the oldest end; for the total, the largest logs lose their oldest segment first.
 * The segment being written is never deleted.
 */
public final class LogRetention {

    private static final Logger LOG = Logger.getLogger(LogRetention.class);

    private final long perSession;
    private final long total;

    public LogRetention(long perSession, long total) {
        this.perSession = perSession;
        this.total = total;
    }

    /** Deletes segments until every bound holds (or only segments being written remain). */
    public synchronized void enforce(Collection<SessionLog> logs) {
        try {
            for (SessionLog log : logs) {
                while (log.retained() > perSession && log.dropOldest()) {
                    LOG.debugf("%s: retained start now %d", log.dir(), log.start());
                }
            }
            long sum = logs.stream().mapToLong(SessionLog::retained).sum();
            while (sum > total) {
                SessionLog largest = logs.stream()
                        .filter(log -> log.retained() > log.segmentSize())
                        .max(Comparator.comparingLong(SessionLog::retained))
                        .orElse(null);
                long before = largest == null ? 0 : largest.retained();
                if (largest == null || !largest.dropOldest()) {
                    return;
                }
                sum -= before - largest.retained();
            }
        } catch (IOException e) {
            LOG.warnf("cannot delete an old log segment: %s", e.getMessage());
        }
    }
}
