package dev.drover.hub.project.service;

import dev.drover.hub.host.repository.Host;
import dev.drover.hub.project.repository.Project;
import dev.drover.hub.project.repository.ProjectScan;
import dev.drover.hub.project.repository.Worktree;

import java.util.List;

/**
 * A host's projects from its latest scan ({@code scan} null before the first) and their worktrees;
 * {@code online} whether the host could scan again now.
 */
public record HostProjects(Host host, boolean online, ProjectScan scan, List<Project> projects, List<Worktree> worktrees) {
}
