package dev.drover.ingest.forwarding;

/** The outbox holds as many unacknowledged events as it may; the exporter should retry later. */
public class OutboxFullException extends RuntimeException {

    public OutboxFullException(int capacity) {
        super("the ingest holds " + capacity + " events the hub has not acknowledged yet; retry later");
    }
}
