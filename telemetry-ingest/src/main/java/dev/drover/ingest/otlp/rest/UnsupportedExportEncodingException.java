package dev.drover.ingest.otlp.rest;

/** The request's Content-Type or Content-Encoding is not one OTLP/HTTP uses. */
class UnsupportedExportEncodingException extends RuntimeException {

    UnsupportedExportEncodingException(String message) {
        super(message);
    }
}
