package dev.drover.hub.notify.rest;

import dev.drover.hub.notify.repository.NotificationRepository.Waiting;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A session whose agent waits for a person: where it runs (host, project, branch), what it asks
 * ({@code detail}: the command to allow, the question; null when unknown), since when, and whether
 * the reader muted it (then it is neither notified nor counted).
 */
@Schema(name = "InboxItem")
public record InboxItemView(
        @Schema(required = true) UUID sessionId,
        @Schema(required = true) String hostName,
        @Schema(required = true, nullable = true, description = "The project's name, else the last part of the directory") String project,
        @Schema(required = true, nullable = true) String cwd,
        @Schema(required = true, nullable = true) String branch,
        @Schema(required = true, nullable = true) String profile,
        @Schema(required = true, nullable = true) String task,
        @Schema(required = true, enumeration = {"needs-approval", "needs-answer"}) String state,
        @Schema(required = true) Instant since,
        @Schema(required = true, nullable = true) String detail,
        @Schema(required = true) boolean muted) {

    static InboxItemView of(Waiting waiting) {
        String project = waiting.projectName();
        if (project == null && waiting.cwd() != null) {
            String cwd = waiting.cwd().replaceAll("/+$", "");
            project = cwd.isEmpty() ? "/" : cwd.substring(cwd.lastIndexOf('/') + 1);
        }
        return new InboxItemView(waiting.sessionId(), waiting.hostName(), project, waiting.cwd(), waiting.branch(),
                waiting.profile(), waiting.task(), waiting.state(), waiting.since(), waiting.detail(), waiting.muted());
    }
}
