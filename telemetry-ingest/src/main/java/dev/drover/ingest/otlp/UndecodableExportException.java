package dev.drover.ingest.otlp;

/** The request body is not a valid OTLP export in the declared encoding. */
public class UndecodableExportException extends RuntimeException {

    public UndecodableExportException(String message) {
        super(message);
    }
}
