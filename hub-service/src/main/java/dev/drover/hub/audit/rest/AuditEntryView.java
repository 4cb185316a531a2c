package dev.drover.hub.audit.rest;

import dev.drover.hub.audit.repository.AuditRepository;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** One audit entry. */
public record AuditEntryView(
        @Schema(required = true) long id,
        @Schema(required = true) Instant at,
        @Schema(required = true, description = "A user name, host:<name> or system") String actor,
        @Schema(description = "The API token the actor acted through; absent for a login") String token,
        @Schema(required = true, description = "What was done, e.g. login, user.disabled, session.spawned, terminal.input") String action,
        @Schema(description = "What it was done to, e.g. session:<id>, user:<name>, host:<name>") String target,
        @Schema(description = "The client's address, when known") String address,
        @Schema(required = true, description = "What else the action recorded (roles, names, sizes)") Map<String, Object> detail) {

    static AuditEntryView of(AuditRepository.StoredEntry entry) {
        return new AuditEntryView(entry.id(), entry.at(), entry.actor(), entry.token(), entry.action(), entry.target(),
                entry.address(), entry.detail());
    }
}
