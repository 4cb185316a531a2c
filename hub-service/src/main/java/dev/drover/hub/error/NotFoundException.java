package dev.drover.hub.error;

/** What was asked for does not exist, or the caller may not know it does. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }
}
