package dev.drover.daemon.session;

import dev.drover.daemon.session.screen.ScreenModel;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One session the daemon holds: its log and what its {@code meta.json} says, for as long as the
 * daemon runs; while its process runs, the process and the session's terminal model too. A session
 * exits once: its process and model are let go then, and a process that reports its start after
 * its exit (a command that ends at once) is not taken.
 */
final class HeldSession {

    private final UUID id;
    private final SessionLog log;
    private volatile SessionMeta meta;
    private volatile RunningSession process;
    private volatile ScreenModel screen;
    private boolean exited;

    HeldSession(UUID id, SessionLog log, SessionMeta meta) {
        this.id = id;
        this.log = log;
        this.meta = meta;
    }

    UUID id() {
        return id;
    }

    SessionLog log() {
        return log;
    }

    SessionMeta meta() {
        return meta;
    }

    /** Records what {@code meta.json} now says (the exit, once the process exited). */
    void meta(SessionMeta recorded) {
        this.meta = recorded;
    }

    /** The session's process, while it runs. */
    Optional<RunningSession> running() {
        return Optional.ofNullable(process);
    }

    /** The session's terminal model, while its process runs and when the daemon keeps one. */
    Optional<ScreenModel> screen() {
        return Optional.ofNullable(screen);
    }

    /**
     * Takes the session's running process and starts its terminal model with {@code screen} (which
     * may answer {@code null}: no model); does neither when the process already exited.
     */
    synchronized void started(RunningSession running, Supplier<ScreenModel> screen) {
        if (exited) {
            return;
        }
        this.process = running;
        this.screen = screen.get();
    }

    /** Lets go of the process, which exited, and answers the terminal model to close, if any. */
    synchronized Optional<ScreenModel> exited() {
        exited = true;
        process = null;
        ScreenModel model = screen;
        screen = null;
        return Optional.ofNullable(model);
    }
}
