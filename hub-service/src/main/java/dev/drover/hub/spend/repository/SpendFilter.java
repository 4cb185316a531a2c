package dev.drover.hub.spend.repository;

import java.util.UUID;

/** Which usage counts: only that of sessions on this host, in this project, of this model, profile or user (each optional). */
public record SpendFilter(UUID hostId, String project, String model, String profile, String user) {

    public static final SpendFilter NONE = new SpendFilter(null, null, null, null, null);
}
