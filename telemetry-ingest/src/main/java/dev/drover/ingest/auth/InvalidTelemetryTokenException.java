package dev.drover.ingest.auth;

/** The export carried no telemetry token, or one the hub did not issue for the ingest. */
public class InvalidTelemetryTokenException extends RuntimeException {

    public InvalidTelemetryTokenException(String message) {
        super(message);
    }
}
