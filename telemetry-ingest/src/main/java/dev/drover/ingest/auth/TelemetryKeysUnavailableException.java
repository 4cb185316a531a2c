package dev.drover.ingest.auth;

/**
 * The hub's public keys could not be fetched (the hub is not up yet or unreachable), so no token can be checked.
 * Answered as retryable (HTTP 503, gRPC UNAVAILABLE) so that exporters send the export again.
 */
public class TelemetryKeysUnavailableException extends RuntimeException {

    public TelemetryKeysUnavailableException(Throwable cause) {
        super("the hub's token keys cannot be fetched right now; retry later", cause);
    }
}
