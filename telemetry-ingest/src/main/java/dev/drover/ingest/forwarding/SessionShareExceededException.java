package dev.drover.ingest.forwarding;

/**
 * The session already has as many events waiting for the hub as one session may. Retrying later helps when the
 * export fits the share at all ({@link #fitsAtAll()}); an export larger than the whole share never fits.
 */
public class SessionShareExceededException extends RuntimeException {

    private final boolean fitsAtAll;

    public SessionShareExceededException(int sessionCapacity, int waiting, int adding) {
        super(adding > sessionCapacity
                ? "the export maps to " + adding + " events, more than the " + sessionCapacity
                        + " one session may have waiting for the hub; send smaller exports"
                : "this session has " + waiting + " events waiting for the hub and may have at most "
                        + sessionCapacity + "; retry later");
        this.fitsAtAll = adding <= sessionCapacity;
    }

    /** Whether the export could be accepted once the hub has caught up with the session. */
    public boolean fitsAtAll() {
        return fitsAtAll;
    }
}
