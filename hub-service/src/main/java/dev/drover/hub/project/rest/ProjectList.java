package dev.drover.hub.project.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A host's projects from its daemon's latest scan. {@code scannedAt} is null before the first scan;
 * the list stays while the host is offline.
 */
public record ProjectList(UUID hostId, boolean online, Instant scannedAt, List<String> roots,
        List<ProjectView> projects) {
}
