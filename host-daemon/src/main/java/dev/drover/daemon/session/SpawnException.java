package dev.drover.daemon.session;

/** A session could not be started; the message is safe to show a user. */
public class SpawnException extends Exception {

    public SpawnException(String message) {
        super(message);
    }
}
