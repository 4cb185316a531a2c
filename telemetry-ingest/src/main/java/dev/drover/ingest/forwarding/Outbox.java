package dev.drover.ingest.forwarding;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.telemetry.v1.TelemetryEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Events not yet acknowledged by the hub, in the order they were accepted. New events go to the current hub
 * stream at once; a new stream first receives every pending event. An event leaves only when the hub
 * acknowledges it. Adding an event whose id is already pending does nothing.
 */
@ApplicationScoped
public class Outbox {

    private final int capacity;
    private final Map<String, TelemetryEvent> pending = new LinkedHashMap<>();
    private Consumer<TelemetryEvent> stream;

    public Outbox(IngestConfig config) {
        this.capacity = config.outboxCapacity();
    }

    /**
     * Refuses an export while the outbox is full. Checked before an export is mapped, so the export's events
     * are always taken afterwards (the outbox may exceed its capacity by one export's events).
     *
     * @throws OutboxFullException when full
     */
    public synchronized void requireRoom() {
        if (pending.size() >= capacity) {
            throw new OutboxFullException(capacity);
        }
    }

    /** Keeps the events until acknowledged and hands new ones to the current stream. */
    public synchronized void addAll(List<TelemetryEvent> events) {
        for (TelemetryEvent event : events) {
            if (pending.putIfAbsent(event.getEventId(), event) == null && stream != null) {
                stream.accept(event);
            }
        }
    }

    /** The hub stored the event. */
    public synchronized void acknowledge(String eventId) {
        pending.remove(eventId);
    }

    /** Makes {@code newStream} the current stream after handing it every pending event, oldest first. */
    public synchronized void attach(Consumer<TelemetryEvent> newStream) {
        pending.values().forEach(newStream);
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

    /** Whether exports are being refused. */
    public synchronized boolean isFull() {
        return pending.size() >= capacity;
    }

    /** Most unacknowledged events before exports are refused. */
    public int capacity() {
        return capacity;
    }
}
