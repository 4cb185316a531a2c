package dev.drover.hub.session.rest;

import dev.drover.hub.session.repository.SessionActivity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * One transition of a session's agent activity: the state it entered, when, what caused it (a hook,
 * a title, the screen, the output going quiet, the process's end) and, when the agent needs someone,
 * what it asks (the command to allow, the question), null when unknown.
 */
@Schema(name = "SessionActivity")
public record ActivityView(
        @Schema(required = true, enumeration = {"starting", "working", "needs-approval", "needs-answer", "idle", "errored",
                "exited"}) String state,
        @Schema(required = true) Instant since,
        @Schema(required = true, nullable = true) String cause,
        @Schema(required = true, nullable = true) String detail) {

    static ActivityView of(SessionActivity transition) {
        return new ActivityView(transition.state, transition.since, transition.cause, transition.detail);
    }
}
