package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Events not yet acknowledged by the hub, in the order they were accepted, kept on disk ({@link OutboxLog} in
 * {@code <data-dir>/outbox}) so that an accepted export survives a restart of the ingest. New events go to the
 * current hub stream at once; a new stream first receives every pending event. An event leaves only when the hub
 * acknowledges it. Adding an event whose id is already pending does nothing.
 * <p>
 * Each session may have at most {@code outbox-session-capacity} events waiting, the whole outbox at most
 * {@code outbox-capacity}: one session that exports faster than the hub applies, or a hub outage, fills only
 * that session's share first.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private record Pending(TelemetryEvent event, long segment) {
    }

    private final int capacity;
    private final int sessionCapacity;
    private final OutboxLog log;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> perSession = new HashMap<>();
    private final Map<Long, Integer> perSegment = new HashMap<>();
    private Consumer<TelemetryEvent> stream;

    public Outbox(IngestConfig config) {
        this.capacity = config.outboxCapacity();
        this.sessionCapacity = config.outboxSessionCapacity();
        this.log = new OutboxLog(config.dataDir().resolve("outbox"), config.outboxSegmentSize());
        List<OutboxLog.Recovered> recovered = log.recover();
        recovered.forEach(r -> keep(r.event(), r.segment()));
        recovered.stream().map(OutboxLog.Recovered::segment).distinct()
                .filter(segment -> !perSegment.containsKey(segment))
                .toList()
                .forEach(log::release);
        if (!pending.isEmpty()) {
            LOG.infof("the outbox holds %d events from before the restart; they go to the hub first", pending.size());
        }
    }

    /**
     * Keeps the export's events until acknowledged (on disk before this returns) and hands new ones to the current
     * stream; all of them or none.
     *
     * @throws SessionShareExceededException when the session would have more than its share waiting
     * @throws OutboxFullException           when the outbox would hold more than its capacity
     */
    public synchronized void addAll(String sessionId, List<TelemetryEvent> events) {
        List<TelemetryEvent> fresh = new ArrayList<>(events.size());
        Map<String, TelemetryEvent> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.getEventId(), event));
        unique.values().stream().filter(event -> !pending.containsKey(event.getEventId())).forEach(fresh::add);
        if (fresh.isEmpty()) {
            return;
        }
        int waiting = perSession.getOrDefault(sessionId, 0);
        if (waiting + fresh.size() > sessionCapacity) {
            throw new SessionShareExceededException(sessionCapacity, waiting, fresh.size());
        }
        if (pending.size() + fresh.size() > capacity) {
            throw new OutboxFullException(capacity);
        }
        long segment = log.append(fresh);
        for (TelemetryEvent event : fresh) {
            keep(event, segment);
            if (stream != null) {
                stream.accept(event);
            }
        }
    }

    /** The hub applied the event: it leaves the outbox, and its segment file once that holds no pending event. */
    public synchronized void acknowledge(String eventId) {
        Pending acknowledged = pending.remove(eventId);
        if (acknowledged == null) {
            return;
        }
        perSession.computeIfPresent(acknowledged.event().getSessionId(), (session, count) -> count == 1 ? null : count - 1);
        if (perSegment.computeIfPresent(acknowledged.segment(), (segment, count) -> count == 1 ? null : count - 1) == null) {
            log.release(acknowledged.segment());
        }
    }

    /** Makes {@code newStream} the current stream after handing it every pending event, oldest first. */
    public synchronized void attach(Consumer<TelemetryEvent> newStream) {
        pending.values().forEach(p -> newStream.accept(p.event()));
        stream = newStream;
    }

    /** Stops handing events to {@code oldStream} if it is still the current stream. */
    public synchronized void detach(Consumer<TelemetryEvent> oldStream) {
        if (stream == oldStream) {
            stream = null;
        }
    }

    /** Unacknowledged events. */
    public synchronized int size() {
        return pending.size();
    }

    /** Whether the whole outbox is full (every session's exports are refused). */
    public synchronized boolean isFull() {
        return pending.size() >= capacity;
    }

    /** Most unacknowledged events before exports are refused. */
    public int capacity() {
        return capacity;
    }

    /** Closes the current segment file; pending events stay on disk for the next start. */
    synchronized void close(@Observes ShutdownEvent event) {
        log.close();
    }

    private void keep(TelemetryEvent event, long segment) {
        if (pending.putIfAbsent(event.getEventId(), new Pending(event, segment)) == null) {
            perSession.merge(event.getSessionId(), 1, Integer::sum);
            perSegment.merge(segment, 1, Integer::sum);
        }
    }
}
