package dev.drover.hub.project.rest;

import dev.drover.hub.project.service.HostProjects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A host's projects from its daemon's latest scan. {@code scannedAt} is null before the first scan;
 * the list stays while the host is offline.
 */
public record ProjectList(
        @Schema(required = true) UUID hostId,
        @Schema(required = true) boolean online,
        @Schema(required = true, nullable = true) Instant scannedAt,
        @Schema(required = true) List<String> roots,
        @Schema(required = true) List<ProjectView> projects) {

    static ProjectList of(HostProjects found) {
        Map<String, List<WorktreeView>> byRepo = found.worktrees().stream()
                .collect(Collectors.groupingBy(tree -> tree.repoPath,
                        Collectors.mapping(WorktreeView::of, Collectors.toList())));
        List<ProjectView> views = found.projects().stream()
                .map(project -> new ProjectView(project.name, project.path, project.branch, project.head, project.dirty,
                        project.remote, project.error, byRepo.getOrDefault(project.path, List.of())))
                .toList();
        return new ProjectList(found.host().id, found.online(), found.scan() == null ? null : found.scan().scannedAt,
                found.scan() == null ? List.of() : Arrays.asList(found.scan().roots), views);
    }
}
