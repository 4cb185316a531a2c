package dev.drover.hub.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body. */
@RegisterForReflection
public record Problem(
        @Schema(required = true) String type,
        @Schema(required = true) String title,
        @Schema(required = true) int status,
        @Schema(required = true) String detail,
        @Schema(required = true) String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
