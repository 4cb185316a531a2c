package dev.drover.hub.error;

/**
 * Why the hub refuses what it was asked, in the domain's words: services throw these, and one mapper
 * ({@code problem.ProblemMappers}) answers each kind with its problem details. The message is
 * meant for the caller: it names what is wrong and, where it can, what would work.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidException, NotAuthenticatedException, NotPermittedException, NotFoundException, ConflictException,
        HostOfflineException, RefusedByHostException, HostTimeoutException {

    protected DomainException(String message) {
        super(message);
    }
}
