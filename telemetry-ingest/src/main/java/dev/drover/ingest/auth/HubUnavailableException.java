package dev.drover.ingest.auth;

/**
 * What a telemetry token's check needs from the hub (its public keys, whether the token's session is live) cannot be
 * had right now: the hub is not up yet or unreachable. Answered as retryable (HTTP 503, gRPC UNAVAILABLE) so that
 * exporters send the export again.
 */
public class HubUnavailableException extends RuntimeException {

    public HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
