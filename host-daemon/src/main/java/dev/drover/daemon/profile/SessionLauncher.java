package dev.drover.daemon.profile;

import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the session a hub's {@code spawn} asks for: checks the working directory, plans the
 * launch from the session's profile and hands it to the keeper, reporting each step.
 */
@ApplicationScoped
public class SessionLauncher {

    private final SessionRegistry sessions;
    private final LaunchPlanner planner;

    public SessionLauncher(SessionRegistry sessions, LaunchPlanner planner) {
        this.sessions = sessions;
        this.planner = planner;
    }

    /** Starts {@code spawn} (or answers the session when it already runs); {@code progress} hears each step. */
    @WithSpan
    public RunningSession launch(DaemonMessage.Spawn spawn, Consumer<String> progress) throws SpawnException {
        Optional<RunningSession> running = sessions.running(spawn.sessionId());
        if (running.isPresent()) {
            return running.get();
        }
        progress.accept("preparing the session");
        Path cwd = workingDirectory(spawn.cwd());
        SessionLaunch launch = planner.plan(spawn, cwd, sessions.sessionDir(spawn.sessionId()));
        progress.accept("starting " + Path.of(launch.argv().getFirst()).getFileName());
        return sessions.spawn(launch);
    }

    private static Path workingDirectory(String requested) throws SpawnException {
        if (requested == null || requested.isBlank()) {
            return Path.of(System.getProperty("user.home"));
        }
        Path path = Path.of(requested);
        if (!path.isAbsolute() || !path.normalize().equals(path) || requested.contains("/../") || requested.endsWith("/..")) {
            throw new SpawnException("the working directory must be an absolute path without . or .. segments: " + requested);
        }
        if (!Files.isDirectory(path)) {
            throw new SpawnException("working directory does not exist: " + requested);
        }
        return path;
    }
}
