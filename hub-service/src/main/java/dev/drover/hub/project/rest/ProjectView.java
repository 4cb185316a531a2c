package dev.drover.hub.project.rest;

import java.util.List;

/**
 * A git repository on a host: {@code branch} is null when HEAD is detached (then {@code head} says
 * where), {@code dirty} null when git could not tell, {@code error} what went wrong reading it.
 */
public record ProjectView(String name, String path, String branch, String head, Boolean dirty, String remote,
        String error, List<WorktreeView> worktrees) {
}
