package dev.drover.daemon.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What {@code sessions/<id>/meta.json} records about a session. */
@RegisterForReflection
public record SessionMeta(UUID sessionId, List<String> command, String cwd, Instant started, Instant ended,
        Integer exitCode) {

    SessionMeta exited(Instant at, int code) {
        return new SessionMeta(sessionId, command, cwd, started, at, code);
    }
}
