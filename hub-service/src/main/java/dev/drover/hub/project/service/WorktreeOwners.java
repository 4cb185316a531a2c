package dev.drover.hub.project.service;

import dev.drover.hub.project.repository.Worktree;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who may discard a worktree. A worktree belongs to the session it was made for, and only the
 * session feature knows who may act on a session; it sits above this one (it spawns sessions in
 * worktrees), so it answers through this interface rather than this feature calling it
 * (docs/adr/0035-names-are-never-reused-and-worktrees-are-their-sessions-owners.md).
 */
public interface WorktreeOwners {

    /**
     * Succeeds when {@code caller} may discard {@code tree}; fails with
     * {@link dev.drover.hub.error.NotFoundException} when they may not see its session and
     * {@link dev.drover.hub.error.NotPermittedException} when they see it but may not.
     */
    Uni<Void> checkDiscard(Worktree tree, SecurityIdentity caller);
}
