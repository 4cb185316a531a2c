package dev.drover.daemon.session;

import dev.drover.profiles.AgentProfile.StopStep;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code sessions/<id>/meta.json} records about a session: {@code keeper} is {@code tmux} or
 * {@code pty}; {@code segmentSize} fixes the log's offset arithmetic for the session's lifetime;
 * the profile it was started from, the agent's own session id (given, or captured at exit with
 * {@code resumeCapture}) and the stop sequence, so a later daemon run stops and reports it the same way;
 * {@code hooksToken} is what the agent's hooks must present to the daemon's hook receiver.
 */
@RegisterForReflection
public record SessionMeta(UUID sessionId, List<String> command, String cwd, Instant started, Instant ended,
        Integer exitCode, String keeper, long segmentSize, String profile, String agentSessionId, String resumeCapture,
        List<StopStep> stop, String hooksToken) {

    SessionMeta exited(Instant at, Integer code, String agentId) {
        return new SessionMeta(sessionId, command, cwd, started, at, code, keeper, segmentSize, profile, agentId,
                resumeCapture, stop, hooksToken);
    }
}
