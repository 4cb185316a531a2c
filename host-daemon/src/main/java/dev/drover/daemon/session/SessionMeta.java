package dev.drover.daemon.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code sessions/<id>/meta.json} records about a session: {@code keeper} is {@code tmux} or
 * {@code pty}; {@code segmentSize} fixes the log's offset arithmetic for the session's lifetime.
 */
@RegisterForReflection
public record SessionMeta(UUID sessionId, List<String> command, String cwd, Instant started, Instant ended,
        Integer exitCode, String keeper, long segmentSize) {

    SessionMeta exited(Instant at, Integer code) {
        return new SessionMeta(sessionId, command, cwd, started, at, code, keeper, segmentSize);
    }
}
