package dev.drover.hub.conversation.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One host of the archive with its projects and how many conversations each has. */
@RegisterForReflection
@Schema(name = "ConversationTreeHost")
public record ConversationTreeView(@Schema(required = true) String hostId, @Schema(required = true, nullable = true) String hostName,
        @Schema(required = true) List<Project> projects) {

    /** A project (the agent's working directory; null when the transcript did not say) and its number of conversations. */
    @RegisterForReflection
    @Schema(name = "ConversationTreeProject")
    public record Project(@Schema(required = true, nullable = true) String project, @Schema(required = true) long conversations) {
    }
}
