package dev.drover.hub.people.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PATCH /api/v1/users/{id}: an absent field stays as it is. */
public record UpdatePersonRequest(
        @Schema(enumeration = {"admin", "operator", "viewer"}, description = "A new role; the account's logins end")
        String role,
        @Schema(description = "true disables the account (its logins end at once), false enables it") Boolean disabled) {
}
