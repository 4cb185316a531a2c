package dev.drover.hub.error;

/** The host's daemon refused the request and said why (a spawn that failed, a worktree it would not discard). */
public final class RefusedByHostException extends DomainException {

    public RefusedByHostException(String message) {
        super(message);
    }
}
