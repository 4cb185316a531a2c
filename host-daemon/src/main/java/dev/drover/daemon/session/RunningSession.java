package dev.drover.daemon.session;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** A session whose process runs, under whichever keeper started it (tmux or a plain PTY). */
public interface RunningSession {

    UUID id();

    /** Process id of the session's command. */
    long pid();

    /**
     * What a stop step's signal goes to, as arguments of {@code kill}: the processes of the session's
     * program, never a launcher that waits to record the program's exit status.
     */
    List<String> signalTargets();

    /** The session's output log. */
    SessionLog log();

    /** False once the process exited and every byte it wrote is in the log. */
    boolean alive();

    /**
     * Writes input bytes to the terminal, in the order of the calls. Never waits: a keystroke may be
     * written on the caller's thread, anything larger is queued. The answer completes (never
     * exceptionally) once the keeper has taken the bytes, or dropped them because the session ended.
     */
    CompletionStage<Void> write(byte[] bytes);

    /** Asks for a window size; debounced, applied once and only when it differs from the current one. */
    void resize(int cols, int rows);
}
