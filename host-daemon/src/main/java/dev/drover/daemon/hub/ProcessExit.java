package dev.drover.daemon.hub;

import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Ends the daemon with a message and an exit status (see README "Exit status"). */
@ApplicationScoped
public class ProcessExit {

    private static final Logger LOG = Logger.getLogger(ProcessExit.class);

    /** Not enrolled and cannot enrol. */
    public static final int NOT_ENROLLED = 1;
    /** The hub refused this host's credential. */
    public static final int REFUSED = 2;

    public void exit(int status, String message) {
        LOG.error(message);
        Quarkus.asyncExit(status);
    }
}
