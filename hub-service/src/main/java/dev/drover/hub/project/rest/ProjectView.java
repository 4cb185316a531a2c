package dev.drover.hub.project.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A git repository on a host: {@code branch} is null when HEAD is detached (then {@code head} says
 * where), {@code dirty} null when git could not tell, {@code error} what went wrong reading it.
 */
public record ProjectView(
        @Schema(required = true) String name,
        @Schema(required = true) String path,
        @Schema(required = true, nullable = true) String branch,
        @Schema(required = true, nullable = true) String head,
        @Schema(required = true, nullable = true) Boolean dirty,
        @Schema(required = true, nullable = true) String remote,
        @Schema(required = true, nullable = true) String error,
        @Schema(required = true) List<WorktreeView> worktrees) {
}
