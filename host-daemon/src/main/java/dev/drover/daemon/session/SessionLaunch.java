package dev.drover.daemon.session;

import dev.drover.profiles.AgentProfile.StopStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What to start for a session: {@code argv} (its first word is looked up on the PATH), in
 * {@code cwd}, with {@code env} added to the daemon's environment; {@code profile} and
 * {@code agentSessionId} are recorded with the session; {@code resumeCapture} (a pattern whose
 * first group is the agent's session id, looked for in the last output at exit) and {@code stop}
 * too, so a later daemon run reports and stops it the same way; {@code hooksToken} authenticates the
 * agent's hook calls.
 */
public record SessionLaunch(UUID sessionId, List<String> argv, Path cwd, Map<String, String> env, int cols, int rows,
        String profile, String agentSessionId, String resumeCapture, List<StopStep> stop, String hooksToken) {

    public SessionLaunch {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        stop = List.copyOf(stop);
    }
}
