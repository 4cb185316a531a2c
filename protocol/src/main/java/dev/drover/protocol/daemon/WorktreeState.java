package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a Drover worktree stands. {@link #DIRTY} and {@link #UNMERGED} are the flags of a worktree
 * kept after its session ended because removing it would lose work.
 */
@RegisterForReflection
public enum WorktreeState {
    /** A running session works in it. */
    ACTIVE,
    /** Clean, and merged into its base or pushed: releasing it removes it. */
    CLEAN,
    /** Kept: uncommitted changes or untracked files. */
    DIRTY,
    /** Kept: commits neither merged into its base nor pushed. */
    UNMERGED,
    /** Its directory is gone; git still lists it until pruned. */
    MISSING
}
