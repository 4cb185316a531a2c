package dev.drover.hub.error;

import java.time.Duration;

/** The host's daemon did not answer a request in time. */
public final class HostTimeoutException extends DomainException {

    /** @param what what the host did not do, as in "host gpu-1 did not {@code what} within 30 s" */
    public HostTimeoutException(String hostName, String what, Duration timeout) {
        super("host " + hostName + " did not " + what + " within " + timeout.toSeconds() + " s");
    }
}
