package dev.drover.daemon.hub;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** Records the daemon's decision to exit instead of ending the test JVM. */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingProcessExit extends ProcessExit {

    private volatile Integer status;
    private volatile String message;

    @Override
    public void exit(int exitStatus, String exitMessage) {
        this.message = exitMessage;
        this.status = exitStatus;
    }

    public Integer status() {
        return status;
    }

    public String message() {
        return message;
    }
}
