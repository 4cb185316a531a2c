package dev.drover.hub.error;

/** The host's daemon is not connected (or disconnected while a request waited for it). */
public final class HostOfflineException extends DomainException {

    public HostOfflineException(String hostName) {
        super("host " + hostName + " is offline");
    }
}
