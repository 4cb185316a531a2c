package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/** What a daemon knows about one of its sessions, reported in {@link DaemonMessage.Hello}. */
@RegisterForReflection
public record SessionReport(UUID sessionId, SessionRunState state, long logEnd, Integer exitCode) {
}
