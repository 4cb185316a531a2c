package dev.drover.hub.error;

/** A credential the caller presented is unknown, expired, used or replaced. */
public final class NotAuthenticatedException extends DomainException {

    public NotAuthenticatedException(String message) {
        super(message);
    }
}
