package dev.drover.hub.error;

/** The caller is known but may not do this (a revoked host renewing its credential). */
public final class NotPermittedException extends DomainException {

    public NotPermittedException(String message) {
        super(message);
    }
}
