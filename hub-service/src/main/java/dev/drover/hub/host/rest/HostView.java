package dev.drover.hub.host.rest;

import dev.drover.hub.host.repository.Host;
import dev.drover.protocol.daemon.HostHealth;
import dev.drover.protocol.daemon.ProfileInfo;

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
public record HostView(UUID id, String name, boolean online, String hostname, String os, String daemonVersion,
        Instant lastSeenAt, Instant createdAt, boolean enrolled, boolean revoked, Map<String, String> labels,
        HostHealth health, Instant lastHeartbeatAt, List<ProfileInfo> agents, List<String> profileProblems) {

    static HostView of(Host host, boolean online) {
        return new HostView(host.id, host.name, online, host.hostname, host.os, host.daemonVersion, host.lastSeenAt,
                host.createdAt, host.enrolledAt != null, host.revoked, host.labels == null ? Map.of() : host.labels,
                host.health, host.lastHeartbeatAt, host.agents(),
                host.profiles == null ? List.of() : host.profiles.problems());
    }
}
