package dev.drover.daemon.project;

/** A project or worktree request the daemon refuses or cannot carry out; the message is safe to show a user. */
public class ProjectException extends Exception {

    public ProjectException(String message) {
        super(message);
    }
}
