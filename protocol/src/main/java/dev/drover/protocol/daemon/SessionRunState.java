package dev.drover.protocol.daemon;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Whether a session's process is alive on its daemon. */
@RegisterForReflection
public enum SessionRunState {
    RUNNING,
    EXITED
}
