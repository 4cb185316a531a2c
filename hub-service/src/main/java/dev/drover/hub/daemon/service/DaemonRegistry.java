package dev.drover.hub.daemon.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The daemons connected to this hub, by host id. A host is online while it has a link here. */
@ApplicationScoped
public class DaemonRegistry {

    private final Map<UUID, DaemonLink> links = new ConcurrentHashMap<>();

    /** Makes {@code link} the host's current link and returns the one it replaced, if any. */
    public Optional<DaemonLink> register(DaemonLink link) {
        DaemonLink previous = links.put(link.hostId(), link);
        return Optional.ofNullable(previous == link ? null : previous);
    }

    /** Removes {@code link} if it is still the host's current link; answers whether it was. */
    public boolean remove(DaemonLink link) {
        return links.remove(link.hostId(), link);
    }

    public Optional<DaemonLink> find(UUID hostId) {
        return Optional.ofNullable(links.get(hostId));
    }

    public boolean isOnline(UUID hostId) {
        return links.containsKey(hostId);
    }
}
