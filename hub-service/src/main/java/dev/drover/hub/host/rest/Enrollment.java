package dev.drover.hub.host.rest;

import dev.drover.hub.host.service.HostCredential;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The host credential a daemon keeps. */
public record Enrollment(
        @Schema(required = true) UUID hostId,
        @Schema(required = true) String credential) {

    static Enrollment of(HostCredential issued) {
        return new Enrollment(issued.hostId(), issued.token());
    }
}
