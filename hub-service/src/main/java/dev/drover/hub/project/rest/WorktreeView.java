package dev.drover.hub.project.rest;

import dev.drover.hub.project.repository.Worktree;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A session's worktree. {@code state} is {@code active}, {@code clean}, {@code dirty},
 * {@code unmerged} or {@code missing}; {@code dirty} (uncommitted changes or untracked files) and
 * {@code unmerged} (commits neither merged into {@code base} nor pushed) flag a worktree kept after
 * its session ended.
 */
public record WorktreeView(
        @Schema(required = true) String path,
        @Schema(required = true) String branch,
        @Schema(required = true, nullable = true) String base,
        @Schema(required = true, nullable = true) UUID sessionId,
        @Schema(required = true, nullable = true) String profileId,
        @Schema(required = true, nullable = true) String head,
        @Schema(required = true, nullable = true) Boolean dirty,
        @Schema(required = true) boolean merged,
        @Schema(required = true) boolean pushed,
        @Schema(required = true, enumeration = {"active", "clean", "dirty", "unmerged", "missing"}) String state,
        @Schema(required = true) Instant updatedAt) {

    static WorktreeView of(Worktree tree) {
        return new WorktreeView(tree.path, tree.branch, tree.base, tree.sessionId, tree.profileId, tree.head, tree.dirty,
                tree.merged, tree.pushed, tree.state.name().toLowerCase(Locale.ROOT), tree.updatedAt);
    }
}
