package dev.drover.hub.project.service;

import dev.drover.hub.config.HubConfig;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.link.HostOfflineException;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.project.repository.Project;
import dev.drover.hub.project.repository.ProjectRepository;
import dev.drover.hub.project.repository.ProjectScan;
import dev.drover.hub.project.repository.ProjectScanRepository;
import dev.drover.hub.project.repository.Worktree;
import dev.drover.hub.project.repository.WorktreeRepository;
import dev.drover.hub.project.rest.ProjectList;
import dev.drover.hub.project.rest.ProjectView;
import dev.drover.hub.project.rest.WorktreeView;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.ProjectInfo;
import dev.drover.protocol.daemon.WorktreeInfo;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Each host's projects and worktrees: what its daemon last reported (kept while it is offline),
 * refreshed on demand, and the explicit discard of a worktree.
 */
@ApplicationScoped
public class ProjectService {

    private final ProjectScanRepository scans;
    private final ProjectRepository projects;
    private final WorktreeRepository worktrees;
    private final HostService hosts;
    private final DaemonRegistry daemons;
    private final HubConfig config;

    public ProjectService(ProjectScanRepository scans, ProjectRepository projects, WorktreeRepository worktrees,
            HostService hosts, DaemonRegistry daemons, HubConfig config) {
        this.scans = scans;
        this.projects = projects;
        this.worktrees = worktrees;
        this.hosts = hosts;
        this.daemons = daemons;
        this.config = config;
    }

    /**
     * The host's projects from its latest scan, each with its worktrees; with {@code text}, only the
     * projects whose name, path, branch or remote contains it (ignoring case). 404 for an unknown host.
     */
    @WithSpan
    public Uni<ProjectList> list(UUID hostId, String text) {
        return hosts.findListed(hostId)
                .chain(host -> scans.findById(hostId)
                        .chain(scan -> projects.search(hostId, text)
                                .chain(found -> worktrees.listByHost(hostId)
                                        .map(trees -> view(host, scan, found, trees)))));
    }

    /**
     * Asks the host's daemon to scan now and answers the new list: 409 when the host is offline,
     * 504 when the scan takes longer than {@code drover.hub.projects.scan-timeout}.
     */
    @WithSpan
    public Uni<ProjectList> refresh(UUID hostId) {
        return hosts.findActive(hostId)
                .chain(host -> ask(host, new DaemonMessage.ListProjects(UUID.randomUUID().toString(), true),
                        config.projects().scanTimeout(), "finish its project scan"))
                .chain(() -> list(hostId, null));
    }

    /**
     * Force-removes a worktree and its branch on the host, once {@code confirm} repeats the branch
     * name: 404 for a worktree the hub does not know, 400 without the confirmation, 409 when the host
     * is offline, 422 with the daemon's reason when it refuses (a session still works there, say).
     */
    @WithSpan
    public Uni<Void> discard(UUID hostId, String path, String confirm) {
        return hosts.findActive(hostId)
                .chain(host -> worktrees.findByPath(hostId, path)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("no worktree " + path + " on host "
                                + host.name))
                        .chain(tree -> {
                            if (!tree.branch.equals(confirm)) {
                                return Uni.createFrom().failure(ProblemException.badRequest(
                                        "to discard this worktree, confirm with its branch name " + tree.branch));
                            }
                            return ask(host, new DaemonMessage.DiscardWorktree(UUID.randomUUID().toString(),
                                    tree.repoPath, tree.path, tree.branch), config.projects().discardTimeout(),
                                    "discard the worktree");
                        }))
                .replaceWithVoid();
    }

    /** Replaces the host's stored scan with what its daemon reported. */
    @WithSpan
    @WithTransaction
    public Uni<Void> recordScan(UUID hostId, DaemonMessage.Projects scan) {
        List<ProjectInfo> found = scan.projects() == null ? List.of() : scan.projects();
        return projects.deleteByHost(hostId)
                .chain(() -> worktrees.deleteByHost(hostId))
                .chain(() -> scans.findById(hostId))
                .chain(existing -> {
                    ProjectScan stored = existing != null ? existing : new ProjectScan();
                    stored.hostId = hostId;
                    stored.scannedAt = scan.scannedAt() == null ? Instant.now() : scan.scannedAt();
                    stored.roots = scan.roots() == null ? new String[0] : scan.roots().toArray(String[]::new);
                    return existing != null ? Uni.createFrom().item(stored) : scans.persist(stored);
                })
                .chain(() -> persistAll(projects, found.stream().map(info -> project(hostId, info)).toList()))
                .chain(() -> persistAll(worktrees, found.stream()
                        .flatMap(info -> info.worktrees() == null ? Stream.empty() : info.worktrees().stream())
                        .map(info -> worktree(hostId, info))
                        .toList()));
    }

    /** Records a worktree the host's daemon created, or the state it was kept in. */
    @WithSpan
    @WithTransaction
    public Uni<Void> recordWorktree(UUID hostId, WorktreeInfo info) {
        return worktrees.deleteByPath(hostId, info.path())
                .chain(() -> worktrees.persist(worktree(hostId, info)))
                .replaceWithVoid();
    }

    /** Records that a worktree released at the end of its session was removed, or kept with its flag. */
    @WithSpan
    public Uni<Void> recordRelease(UUID hostId, DaemonMessage.WorktreeReleased released) {
        return released.removed()
                ? forgetWorktree(hostId, released.worktree().path())
                : recordWorktree(hostId, released.worktree());
    }

    /** Forgets a worktree that is gone from its host. */
    @WithSpan
    @WithTransaction
    public Uni<Void> forgetWorktree(UUID hostId, String path) {
        return worktrees.deleteByPath(hostId, path).replaceWithVoid();
    }

    private static <T> Uni<Void> persistAll(PanacheRepositoryBase<T, UUID> repository, List<T> entities) {
        return entities.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(entities);
    }

    private Uni<Void> ask(Host host, DaemonMessage.Request request, Duration timeout, String what) {
        DaemonLink link = daemons.find(host.id).orElseThrow(() -> new HostOfflineException(host.name));
        return link.request(request, timeout)
                .onFailure(TimeoutException.class).transform(late -> new ProblemException(504,
                        "host " + host.name + " did not " + what + " within " + timeout.toSeconds() + " s"))
                .chain(answer -> answer instanceof DaemonMessage.RequestFailed failed
                        ? Uni.createFrom().failure(new ProblemException(422, failed.reason()))
                        : Uni.createFrom().voidItem());
    }

    private ProjectList view(Host host, ProjectScan scan, List<Project> found, List<Worktree> trees) {
        Map<String, List<WorktreeView>> byRepo = trees.stream()
                .collect(Collectors.groupingBy(tree -> tree.repoPath,
                        Collectors.mapping(ProjectService::view, Collectors.toList())));
        List<ProjectView> views = new ArrayList<>(found.size());
        for (Project project : found) {
            views.add(new ProjectView(project.name, project.path, project.branch, project.head, project.dirty,
                    project.remote, project.error, byRepo.getOrDefault(project.path, List.of())));
        }
        return new ProjectList(host.id, !host.revoked && daemons.isOnline(host.id), scan == null ? null : scan.scannedAt,
                scan == null ? List.of() : Arrays.asList(scan.roots), views);
    }

    private static WorktreeView view(Worktree tree) {
        return new WorktreeView(tree.path, tree.branch, tree.base, tree.sessionId, tree.profileId, tree.head, tree.dirty,
                tree.merged, tree.pushed, tree.state.name().toLowerCase(Locale.ROOT), tree.updatedAt);
    }

    private static Project project(UUID hostId, ProjectInfo info) {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.hostId = hostId;
        project.path = info.path();
        project.name = info.name();
        project.branch = info.branch();
        project.head = info.head();
        project.dirty = info.dirty();
        project.remote = info.remote();
        project.error = info.error();
        return project;
    }

    private static Worktree worktree(UUID hostId, WorktreeInfo info) {
        Worktree tree = new Worktree();
        tree.id = UUID.randomUUID();
        tree.hostId = hostId;
        tree.repoPath = info.repo();
        tree.path = info.path();
        tree.branch = info.branch();
        tree.base = info.base();
        tree.sessionId = info.sessionId();
        tree.profileId = info.profileId();
        tree.head = info.head();
        tree.dirty = info.dirty();
        tree.merged = info.merged();
        tree.pushed = info.pushed();
        tree.state = info.state();
        tree.updatedAt = Instant.now();
        return tree;
    }
}
