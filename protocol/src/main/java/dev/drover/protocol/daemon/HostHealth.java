package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A host's health as its daemon samples it, carried by {@link DaemonMessage.Heartbeat}. A value the
 * daemon could not read is {@code null}; {@code tmuxVersion} and {@code gitVersion} are
 * {@code null} when the tool is not installed.
 *
 * @param cpuPercent           CPU busy time over the last interval, 0-100, across all cores
 * @param memoryTotalBytes     {@code MemTotal} of /proc/meminfo
 * @param memoryAvailableBytes {@code MemAvailable} of /proc/meminfo
 * @param diskTotalBytes       size of the file system holding the daemon's state directory
 * @param diskFreeBytes        bytes of that file system available to the daemon
 * @param load1                1-minute load average
 * @param load5                5-minute load average
 * @param load15               15-minute load average
 * @param os                   operating system name, e.g. {@code Linux}
 * @param kernelVersion        kernel version, e.g. {@code 6.8.0-45-generic}
 * @param daemonVersion        version of the daemon
 * @param tmuxVersion          output of {@code tmux -V}, e.g. {@code tmux 3.4}
 * @param gitVersion           output of {@code git --version}, e.g. {@code git version 2.43.0}
 * @param sessionIsolation     whether sessions run isolated from Drover's own state: {@code available},
 *                             {@code unavailable} (the host does not allow it) or {@code off}
 * @param sessionIsolationReason why isolation is unavailable or off, else {@code null}
 */
@RegisterForReflection
public record HostHealth(
        @Schema(required = true, nullable = true) Double cpuPercent,
        @Schema(required = true, nullable = true) Long memoryTotalBytes,
        @Schema(required = true, nullable = true) Long memoryAvailableBytes,
        @Schema(required = true, nullable = true) Long diskTotalBytes,
        @Schema(required = true, nullable = true) Long diskFreeBytes,
        @Schema(required = true, nullable = true) Double load1,
        @Schema(required = true, nullable = true) Double load5,
        @Schema(required = true, nullable = true) Double load15,
        @Schema(required = true, nullable = true) String os,
        @Schema(required = true, nullable = true) String kernelVersion,
        @Schema(required = true, nullable = true) String daemonVersion,
        @Schema(required = true, nullable = true) String tmuxVersion,
        @Schema(required = true, nullable = true) String gitVersion,
        @Schema(required = true, nullable = true, enumeration = {"available", "unavailable", "off"}) String sessionIsolation,
        @Schema(required = true, nullable = true) String sessionIsolationReason) {
}
