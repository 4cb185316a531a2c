package dev.drover.hub.prompt.repository;

/** Where a prompt's delivery to one session stands; every status but the first two is final. */
public enum DeliveryStatus {
    /** Waiting for the agent to be idle (ready to read a prompt). */
    WAITING("waiting"),
    /** Typed; waiting for the agent to show it took it (it works, or its hook saw the prompt). */
    TYPED("typed"),
    /** Typed, and the agent took it. */
    CONFIRMED("confirmed"),
    /** Not typed: the agent waits for an approval or an answer. */
    REFUSED("refused"),
    /** Not typed: the agent was not idle within the prompt's wait. */
    TIMED_OUT("timed-out"),
    /** Typed, but the agent showed no sign of it within the confirmation time. */
    UNCONFIRMED("unconfirmed"),
    /** The session ended (or never ran) before the prompt was confirmed. */
    ENDED("ended"),
    /** It could not be typed: the host did not answer, or the hub restarted meanwhile. */
    FAILED("failed");

    private final String wire;

    DeliveryStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether nothing will change it any more. */
    public boolean finished() {
        return this != WAITING && this != TYPED;
    }

    public static DeliveryStatus ofWire(String wire) {
        for (DeliveryStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown delivery status " + wire);
    }
}
