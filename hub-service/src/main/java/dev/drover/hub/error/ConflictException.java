package dev.drover.hub.error;

/** What was asked clashes with the current state (a taken name, a session still live, a CLI not installed). */
public final class ConflictException extends DomainException {

    public ConflictException(String message) {
        super(message);
    }
}
