package dev.drover.hub.spend.repository;

import java.util.UUID;

/**
 * Which usage counts: only that of sessions on this host, in this project, of this model, profile or user (each
 * optional), and with {@code visibleTo} only that of the sessions that person started or that are shared with them
 * (null: every session, as admins see; ADR 0028).
 */
public record SpendFilter(UUID hostId, String project, String model, String profile, String user, String visibleTo) {

    /** Every session's usage that {@code visibleTo} may see (null: everyone's). */
    public static SpendFilter visibleTo(String visibleTo) {
        return new SpendFilter(null, null, null, null, null, visibleTo);
    }
}
