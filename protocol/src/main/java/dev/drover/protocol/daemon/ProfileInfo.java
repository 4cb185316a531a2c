package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;
import java.util.Objects;

/**
 * One agent profile as a daemon offers it: {@code modes} it can start in ({@code new},
 * {@code resume}, {@code continue}); {@code agentSessionId} is {@code preassigned},
 * {@code captured} or {@code none}; {@code userCommand} when the spawn supplies the command line;
 * {@code takesPrompt} when a first prompt can be given;
 * whether its CLI is installed on this host ({@code path}, {@code version}), or why not.
 */
@RegisterForReflection
public record ProfileInfo(
        @Schema(required = true) String id,
        @Schema(required = true) String name,
        @Schema(required = true) String description,
        @Schema(required = true) List<String> modes,
        @Schema(required = true, enumeration = {"preassigned", "captured", "none"}) String agentSessionId,
        @Schema(required = true) boolean userCommand,
        @Schema(required = true) boolean takesPrompt,
        @Schema(required = true) boolean installed,
        @Schema(required = true, nullable = true) String version,
        @Schema(required = true, nullable = true) String path,
        @Schema(required = true, nullable = true) String problem) {

    /** Without id, or with a null mode, the message carrying it is malformed (1007). */
    public ProfileInfo {
        Objects.requireNonNull(id, "id");
        Required.noNulls(modes, "modes");
    }
}
