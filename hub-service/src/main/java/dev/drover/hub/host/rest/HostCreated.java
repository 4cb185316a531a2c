package dev.drover.hub.host.rest;

import java.time.Instant;

/** A new host with its one-time join token (shown only here). */
public record HostCreated(HostView host, String joinToken, Instant joinTokenExpiresAt) {
}
