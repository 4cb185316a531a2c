package dev.drover.hub.host.service;

import java.util.UUID;

/** A fresh host credential: the signed token a host's daemon presents from now on. */
public record HostCredential(UUID hostId, String token) {
}
