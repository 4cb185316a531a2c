package dev.drover.protocol.daemon;

/** Whether a session's process is alive on its daemon. */
public enum SessionRunState {
    RUNNING,
    EXITED
}
