package dev.drover.hub.project.rest;

import jakarta.validation.constraints.NotBlank;

/** Discards the worktree at {@code path}; {@code confirm} must repeat its branch name. */
public record DiscardWorktreeRequest(@NotBlank String path, String confirm) {
}
