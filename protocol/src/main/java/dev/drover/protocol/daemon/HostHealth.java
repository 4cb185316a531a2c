package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

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
public record HostHealth(Double cpuPercent, Long memoryTotalBytes, Long memoryAvailableBytes, Long diskTotalBytes,
        Long diskFreeBytes, Double load1, Double load5, Double load15, String os, String kernelVersion,
        String daemonVersion, String tmuxVersion, String gitVersion, String sessionIsolation,
        String sessionIsolationReason) {
}
