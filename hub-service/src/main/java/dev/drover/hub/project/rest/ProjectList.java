package dev.drover.hub.project.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A host's projects from its daemon's latest scan. {@code scannedAt} is null before the first scan;
 * the list stays while the host is offline.
 */
public record ProjectList(
        @Schema(required = true) UUID hostId,
        @Schema(required = true) boolean online,
        @Schema(required = true, nullable = true) Instant scannedAt,
        @Schema(required = true) List<String> roots,
        @Schema(required = true) List<ProjectView> projects) {
}
