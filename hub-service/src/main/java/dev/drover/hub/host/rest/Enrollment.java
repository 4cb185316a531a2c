package dev.drover.hub.host.rest;

import dev.drover.hub.host.service.HostCredential;

import java.util.UUID;

/** The host credential a daemon keeps. */
public record Enrollment(UUID hostId, String credential) {

    static Enrollment of(HostCredential issued) {
        return new Enrollment(issued.hostId(), issued.token());
    }
}
