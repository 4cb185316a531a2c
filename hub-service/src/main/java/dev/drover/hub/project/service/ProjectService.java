package dev.drover.hub.project.service;

import dev.drover.hub.config.HubConfig;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.hub.error.HostTimeoutException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.RefusedByHostException;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.service.HostService;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.project.repository.Project;
import dev.drover.hub.project.repository.ProjectRepository;
import dev.drover.hub.project.repository.ProjectScan;
import dev.drover.hub.project.repository.ProjectScanRepository;
import dev.drover.hub.project.repository.Worktree;
import dev.drover.hub.project.repository.WorktreeRepository;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.ProjectInfo;
import dev.drover.protocol.daemon.WorktreeInfo;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
    private final WorktreeOwners owners;
    private final HubConfig config;

    public ProjectService(ProjectScanRepository scans, ProjectRepository projects, WorktreeRepository worktrees,
            HostService hosts, DaemonRegistry daemons, WorktreeOwners owners, HubConfig config) {
        this.scans = scans;
        this.projects = projects;
        this.worktrees = worktrees;
        this.hosts = hosts;
        this.daemons = daemons;
        this.owners = owners;
        this.config = config;
    }

    /**
     * The host's projects from its latest scan, each with its worktrees; with {@code text}, only the
     * projects whose name, path, branch or remote contains it (ignoring case). Not found for an unknown host.
     */
    @WithSpan
    public Uni<HostProjects> list(UUID hostId, String text) {
        return hosts.findListed(hostId)
                .chain(host -> scans.findById(hostId)
                        .chain(scan -> projects.search(hostId, text)
                                .chain(found -> worktrees.listByHost(hostId)
                                        .map(trees -> new HostProjects(host, hosts.online(host), scan, found,
                                                trees)))));
    }

    /**
     * Asks the host's daemon to scan now and answers the new list; fails when the host is offline or
     * the scan takes longer than {@code drover.hub.projects.scan-timeout}.
     */
    @WithSpan
    public Uni<HostProjects> refresh(UUID hostId) {
        return hosts.findActive(hostId)
                .chain(host -> ask(host, new DaemonMessage.ListProjects(UUID.randomUUID().toString(), true),
                        config.projects().scanTimeout(), "finish its project scan"))
                .chain(() -> list(hostId, null));
    }

    /**
     * Force-removes a worktree and its branch on the host, once {@code confirm} repeats the branch
     * name, when {@code caller} may act for its session ({@link WorktreeOwners}). Fails for a worktree
     * the hub does not know, for someone else's, without the confirmation, when the host is offline,
     * and with the daemon's reason when it refuses (a session still works there, say).
     */
    @WithSpan
    public Uni<Void> discard(UUID hostId, String path, String confirm, SecurityIdentity caller) {
        return hosts.findActive(hostId)
                .chain(host -> worktrees.findByPath(hostId, path)
                        .onItem().ifNull().failWith(() -> new NotFoundException("no worktree " + path + " on host "
                                + host.name))
                        .call(tree -> owners.checkDiscard(tree, caller))
                        .chain(tree -> {
                            if (!tree.branch.equals(confirm)) {
                                return Uni.createFrom().failure(new InvalidException(
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
                .onFailure(TimeoutException.class).transform(late -> new HostTimeoutException(host.name, what, timeout))
                .chain(answer -> answer instanceof DaemonMessage.RequestFailed failed
                        ? Uni.createFrom().failure(new RefusedByHostException(failed.reason()))
                        : Uni.createFrom().voidItem());
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
