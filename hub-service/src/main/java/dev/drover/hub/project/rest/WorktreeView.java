package dev.drover.hub.project.rest;

import dev.drover.hub.project.repository.Worktree;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A session's worktree. {@code state} is {@code active}, {@code clean}, {@code dirty},
 * {@code unmerged} or {@code missing}; {@code dirty} (uncommitted changes or untracked files) and
 * {@code unmerged} (commits neither merged into {@code base} nor pushed) flag a worktree kept after
 * its session ended.
 */
public record WorktreeView(String path, String branch, String base, UUID sessionId, String profileId, String head,
        Boolean dirty, boolean merged, boolean pushed, String state, Instant updatedAt) {

    static WorktreeView of(Worktree tree) {
        return new WorktreeView(tree.path, tree.branch, tree.base, tree.sessionId, tree.profileId, tree.head, tree.dirty,
                tree.merged, tree.pushed, tree.state.name().toLowerCase(Locale.ROOT), tree.updatedAt);
    }
}
