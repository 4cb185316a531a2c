package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Objects;
import java.util.UUID;

/**
 * A git worktree a daemon created for a session, on branch {@code drover/<profile>-<short id>}.
 *
 * @param repo      absolute path of the repository it belongs to
 * @param path      absolute path of the worktree
 * @param branch    its branch, {@code drover/<profile>-<short id>}
 * @param base      the branch (or, from a detached HEAD, the commit) the repository had checked out when it was created
 * @param sessionId the session it was created for; {@code null} when git no longer records it
 * @param profileId the agent profile of that session
 * @param head      short hash of the branch's tip
 * @param dirty     uncommitted changes or untracked files in it; {@code null} when it is missing or git could not tell
 * @param merged    whether the branch's tip is contained in {@code base}
 * @param pushed    whether a remote-tracking branch contains the branch's tip
 * @param state     what that adds up to, see {@link WorktreeState}
 */
@RegisterForReflection
public record WorktreeInfo(String repo, String path, String branch, String base, UUID sessionId, String profileId,
        String head, Boolean dirty, boolean merged, boolean pushed, WorktreeState state) {

    /** Without repo, path, branch or state the message carrying it is malformed (1007). */
    public WorktreeInfo {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(state, "state");
    }
}
