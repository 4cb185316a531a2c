package dev.drover.daemon.profile;

import dev.drover.daemon.project.ProjectException;
import dev.drover.daemon.project.ProjectRoots;
import dev.drover.daemon.project.Worktrees;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the session a hub's {@code spawn} asks for: resolves its working directory inside the
 * project roots, creates its git worktree when asked, plans the launch from the session's profile
 * and hands it to the keeper, reporting each step.
 */
@ApplicationScoped
public class SessionLauncher {

    private final SessionRegistry sessions;
    private final LaunchPlanner planner;
    private final ProjectRoots roots;
    private final Worktrees worktrees;

    public SessionLauncher(SessionRegistry sessions, LaunchPlanner planner, ProjectRoots roots, Worktrees worktrees) {
        this.sessions = sessions;
        this.planner = planner;
        this.roots = roots;
        this.worktrees = worktrees;
    }

    /** Starts {@code spawn} (or answers the session when it already runs); {@code progress} hears each step. */
    @WithSpan
    public RunningSession launch(DaemonMessage.Spawn spawn, Consumer<String> progress) throws SpawnException {
        Optional<RunningSession> running = sessions.running(spawn.sessionId());
        if (running.isPresent()) {
            return running.get();
        }
        progress.accept("preparing the session");
        Path cwd;
        try {
            cwd = spawn.cwd() == null || spawn.cwd().isBlank() ? planner.home() : roots.resolve(spawn.cwd());
            if (spawn.worktree()) {
                progress.accept("creating a git worktree");
                cwd = Path.of(worktrees.create(cwd, LaunchPlanner.profileId(spawn), spawn.sessionId()).path());
            }
        } catch (ProjectException e) {
            throw new SpawnException(e.getMessage());
        }
        SessionLaunch launch = planner.plan(spawn, cwd, sessions.sessionDir(spawn.sessionId()));
        progress.accept("starting " + Path.of(launch.argv().getFirst()).getFileName());
        return sessions.spawn(launch);
    }
}
