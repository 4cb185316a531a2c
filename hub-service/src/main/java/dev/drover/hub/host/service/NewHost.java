package dev.drover.hub.host.service;

import dev.drover.hub.host.repository.Host;

import java.time.Instant;

/** A host just created, with its one-time join token (never stored: only its hash is). */
public record NewHost(Host host, String joinToken, Instant joinTokenExpiresAt) {
}
