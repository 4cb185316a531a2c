package dev.drover.daemon.project;

import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Answers the hub's project and worktree requests. Blocks (scans, runs git): call it off the event loop. */
@ApplicationScoped
public class ProjectRequests {

    private static final Logger LOG = Logger.getLogger(ProjectRequests.class);

    private final ProjectScanner scanner;
    private final ProjectRoots roots;
    private final Worktrees worktrees;

    public ProjectRequests(ProjectScanner scanner, ProjectRoots roots, Worktrees worktrees) {
        this.scanner = scanner;
        this.roots = roots;
        this.worktrees = worktrees;
    }

    /**
     * The answer to {@code list-projects}: {@code projects} from a new scan with {@code refresh}, else
     * from the latest one; {@code request-failed} when the scan failed.
     */
    public DaemonMessage projects(DaemonMessage.ListProjects request) {
        try {
            return projects(request.requestId(), request.refresh());
        } catch (RuntimeException e) {
            LOG.warnf(e, "project scan failed");
            return new DaemonMessage.RequestFailed(request.requestId(), "the project scan failed: " + e.getMessage());
        }
    }

    /** A new scan, sent unasked after every {@code welcome}; empty when it failed. */
    public Optional<DaemonMessage.Projects> announce() {
        try {
            return Optional.of(projects(null, true));
        } catch (RuntimeException e) {
            LOG.warnf(e, "project scan failed");
            return Optional.empty();
        }
    }

    /** The answer to {@code discard-worktree}: {@code worktree-discarded}, or {@code request-failed} with the reason. */
    public DaemonMessage discard(DaemonMessage.DiscardWorktree request) {
        try {
            Path repo = roots.resolve(request.repo());
            worktrees.discard(repo, Path.of(request.path()), request.branch());
            return new DaemonMessage.WorktreeDiscarded(request.requestId(), request.repo(), request.path(),
                    request.branch());
        } catch (ProjectException | RuntimeException e) {
            LOG.infof("worktree %s not discarded: %s", request.path(), e.getMessage());
            return new DaemonMessage.RequestFailed(request.requestId(), e.getMessage());
        }
    }

    /** Calls {@code listener} with the worktree changes the hub should hear of. */
    public void onWorktreeChange(Consumer<DaemonMessage> listener) {
        worktrees.onChange(listener);
    }

    private DaemonMessage.Projects projects(String requestId, boolean refresh) {
        ProjectScanner.Scan scan = refresh ? scanner.refresh() : scanner.latest();
        return new DaemonMessage.Projects(requestId, scan.scannedAt(), scan.roots(), scan.projects());
    }
}
