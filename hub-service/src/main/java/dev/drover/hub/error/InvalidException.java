package dev.drover.hub.error;

/** What was asked is malformed or contradicts itself (a bad name, a mode the profile lacks). */
public final class InvalidException extends DomainException {

    public InvalidException(String message) {
        super(message);
    }
}
