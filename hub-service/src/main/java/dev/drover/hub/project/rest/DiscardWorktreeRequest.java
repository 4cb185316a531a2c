package dev.drover.hub.project.rest;

import dev.drover.hub.validation.Text;
import jakarta.validation.constraints.NotBlank;

/** Discards the worktree at {@code path}; {@code confirm} must repeat its branch name. */
public record DiscardWorktreeRequest(@NotBlank @Text String path, @Text String confirm) {
}
