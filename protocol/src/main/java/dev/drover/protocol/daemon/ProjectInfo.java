package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Objects;

/**
 * A git repository a daemon found under its project roots, carried by {@link DaemonMessage.Projects}.
 *
 * @param name      the repository directory's name
 * @param path      absolute, canonical path of the working tree
 * @param branch    the checked-out branch; {@code null} when HEAD is detached
 * @param head      short hash of HEAD; {@code null} in a repository without commits
 * @param dirty     whether the working tree has uncommitted changes or untracked files; {@code null} when git could not tell
 * @param remote    URL of {@code origin}, else of the first remote; {@code null} without remotes
 * @param error     why some of the above could not be read (a git timeout, for instance); {@code null} when all went well
 * @param worktrees the repository's Drover worktrees (branches {@code drover/...})
 */
@RegisterForReflection
public record ProjectInfo(String name, String path, String branch, String head, Boolean dirty, String remote,
        String error, List<WorktreeInfo> worktrees) {

    /** Without name or path, or with a null worktree, the message carrying it is malformed (1007). */
    public ProjectInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Required.noNulls(worktrees, "worktrees");
    }
}
