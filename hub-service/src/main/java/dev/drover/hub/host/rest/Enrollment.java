package dev.drover.hub.host.rest;

import java.util.UUID;

/** The host credential a daemon keeps. */
public record Enrollment(UUID hostId, String credential) {
}
