package dev.drover.hub.host.rest;

import java.time.Instant;
import java.util.UUID;

/** A host as the API shows it. */
public record HostView(UUID id, String name, boolean online, String hostname, String os, String daemonVersion,
        Instant lastSeenAt, Instant createdAt, boolean enrolled) {
}
