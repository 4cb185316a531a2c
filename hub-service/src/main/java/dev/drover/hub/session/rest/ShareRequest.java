package dev.drover.hub.session.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The access a share gives: {@code view} (watch) or {@code type} (also type, stop, resume). */
public record ShareRequest(
        @Schema(required = true, enumeration = {"view", "type"}) @NotNull @Pattern(regexp = "view|type") String access) {
}
