package dev.drover.hub.link;

import dev.drover.hub.problem.ProblemException;

/** The host's daemon is not connected (or disconnected while a request waited for it). */
public class HostOfflineException extends ProblemException {

    public HostOfflineException(String hostName) {
        super(409, "host " + hostName + " is offline");
    }
}
