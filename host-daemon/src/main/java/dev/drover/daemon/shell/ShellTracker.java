package dev.drover.daemon.shell;

import dev.drover.daemon.session.OutputTap;
import dev.drover.protocol.daemon.DaemonMessage;
import java.util.UUID;

/**
 * Follows one session's shell from the integration marks in its output: working directory, last
 * command line, its exit code, and whether it runs. Fed by the session's terminal model thread;
 * {@link #current()} may be read from any thread. Calls {@code changed} (quick, non-blocking) each
 * time the state differs from the one before.
 */
final class ShellTracker implements OutputTap, ShellSignals {

    private final UUID sessionId;
    private final OscScanner scanner = new OscScanner(this);
    private final Runnable changed;
    private String cwd;
    private String lastCommand;
    private Integer lastExitCode;
    private boolean running;
    private String pendingCommand;
    private volatile DaemonMessage.ShellState current;

    ShellTracker(UUID sessionId, Runnable changed) {
        this.sessionId = sessionId;
        this.changed = changed;
    }

    /** The shell's state, or {@code null} before its first mark. */
    DaemonMessage.ShellState current() {
        return current;
    }

    @Override
    public void bytes(byte[] bytes, int from, int length) {
        scanner.scan(bytes, from, length);
    }

    @Override
    public void skipped() {
        scanner.reset();
    }

    @Override
    public void workingDirectory(String path) {
        cwd = path;
        publish();
    }

    @Override
    public void promptStarted() {
        running = false;
        publish();
    }

    @Override
    public void commandInputStarted() {
        pendingCommand = null;
        publish();
    }

    @Override
    public void commandLine(String line) {
        pendingCommand = line;
    }

    @Override
    public void commandExecuted() {
        lastCommand = pendingCommand;
        pendingCommand = null;
        lastExitCode = null;
        running = true;
        publish();
    }

    @Override
    public void commandFinished(Integer exitCode) {
        if (running) {
            running = false;
            lastExitCode = exitCode;
            publish();
        }
    }

    private void publish() {
        DaemonMessage.ShellState next = new DaemonMessage.ShellState(sessionId, cwd, lastCommand, lastExitCode, running);
        if (!next.equals(current)) {
            current = next;
            changed.run();
        }
    }
}
