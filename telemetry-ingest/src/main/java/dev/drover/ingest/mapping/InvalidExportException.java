package dev.drover.ingest.mapping;

/**
 * The export carries a value the ingest refuses to forward (a control character in a field that becomes part of
 * an event, a negative, non-finite or absurd amount). Permanent: the exporter must not retry the same data.
 */
public class InvalidExportException extends RuntimeException {

    public InvalidExportException(String message) {
        super(message);
    }
}
