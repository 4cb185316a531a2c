package dev.drover.hub.link;

import dev.drover.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemons connected to this hub, by host id. A host is online while it has a link here that
 * was heard from within {@code drover.hub.heartbeat-timeout}. Every registration and removal fires
 * {@link LinkChanged}.
 */
@ApplicationScoped
public class DaemonRegistry {

    private final Map<UUID, DaemonLink> links = new ConcurrentHashMap<>();
    private final HubConfig config;
    private final Event<LinkChanged> changes;

    public DaemonRegistry(HubConfig config, Event<LinkChanged> changes) {
        this.config = config;
        this.changes = changes;
    }

    /** Makes {@code link} the host's current link and returns the one it replaced, if any. */
    public Optional<DaemonLink> register(DaemonLink link) {
        DaemonLink previous = links.put(link.hostId(), link);
        changes.fire(new LinkChanged(link.hostId()));
        return Optional.ofNullable(previous == link ? null : previous);
    }

    /** Removes {@code link} if it is still the host's current link; answers whether it was. */
    public boolean remove(DaemonLink link) {
        boolean removed = links.remove(link.hostId(), link);
        if (removed) {
            changes.fire(new LinkChanged(link.hostId()));
        }
        return removed;
    }

    public Optional<DaemonLink> find(UUID hostId) {
        return Optional.ofNullable(links.get(hostId));
    }

    public boolean isOnline(UUID hostId) {
        DaemonLink link = links.get(hostId);
        return link != null && link.silence().compareTo(config.heartbeatTimeout()) <= 0;
    }

    /** A snapshot of the current links. */
    public Collection<DaemonLink> all() {
        return List.copyOf(links.values());
    }
}
