package dev.drover.ingest.otlp.rest;

/** The export is larger than the ingest accepts, as sent or once decompressed. */
class ExportTooLargeException extends RuntimeException {

    ExportTooLargeException(String message) {
        super(message);
    }
}
