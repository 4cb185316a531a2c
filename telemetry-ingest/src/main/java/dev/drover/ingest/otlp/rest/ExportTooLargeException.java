package dev.drover.ingest.otlp.rest;

/** The export is larger than the ingest accepts once decompressed. */
class ExportTooLargeException extends RuntimeException {

    ExportTooLargeException(long limit) {
        super("the decompressed export is larger than " + limit + " bytes");
    }
}
