package dev.drover.ingest.auth;

import java.util.Optional;

/**
 * The session a telemetry token was issued for, and the id of its agent profile when the token names one (tokens
 * minted before the hub added the {@code drover.profile} claim name none).
 */
public record ExportingSession(String id, Optional<String> profile) {
}
