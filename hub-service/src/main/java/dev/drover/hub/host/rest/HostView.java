package dev.drover.hub.host.rest;

import dev.drover.hub.host.repository.Host;
import dev.drover.protocol.daemon.HostHealth;
import dev.drover.protocol.daemon.ProfileInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A host as the API shows it. {@code online} means its daemon is connected and was heard from
 * within the heartbeat timeout; {@code health} is the latest the daemon reported, or null;
 * {@code agents} are the profiles its daemon offers, with which CLIs are installed there, and
 * {@code profileProblems} the profile files it refused.
 */
public record HostView(
        @Schema(required = true) UUID id,
        @Schema(required = true) String name,
        @Schema(required = true) boolean online,
        @Schema(required = true, nullable = true) String hostname,
        @Schema(required = true, nullable = true) String os,
        @Schema(required = true, nullable = true) String daemonVersion,
        @Schema(required = true, nullable = true) Instant lastSeenAt,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) boolean enrolled,
        @Schema(required = true) boolean revoked,
        @Schema(required = true) Map<String, String> labels,
        @Schema(required = true, nullable = true) HostHealth health,
        @Schema(required = true, nullable = true) Instant lastHeartbeatAt,
        @Schema(required = true) List<ProfileInfo> agents,
        @Schema(required = true) List<String> profileProblems) {

    public static HostView of(Host host, boolean online) {
        return new HostView(host.id, host.name, online, host.hostname, host.os, host.daemonVersion, host.lastSeenAt,
                host.createdAt, host.enrolledAt != null, host.revoked, host.labels == null ? Map.of() : host.labels,
                host.health, host.lastHeartbeatAt, host.agents(),
                host.profiles == null ? List.of() : host.profiles.problems());
    }
}
