package dev.drover.hub.live.service;

import dev.drover.hub.host.repository.Host;
import dev.drover.hub.session.service.HostedSession;

import java.util.Set;
import java.util.UUID;

/**
 * What changed, as committed, for the pages that show it (a CDI event fired by {@link ChangeFeed}):
 * a session or host as it is now, or that it is gone, or that changes may have been missed and
 * what a page holds must be fetched again.
 */
public sealed interface LiveChange {

    /**
     * A session as it is now: {@code created} (or newly shared), or any of its columns changed;
     * {@code sharedWith} names the people it is shared with, who see it besides its owner and admins.
     */
    record SessionChanged(HostedSession session, boolean created, Set<String> sharedWith) implements LiveChange {

        public SessionChanged {
            sharedWith = Set.copyOf(sharedWith);
        }
    }

    /** A session row that no longer exists. */
    record SessionRemoved(UUID id) implements LiveChange {
    }

    /** A listed host as it is now, with whether its daemon is online. */
    record HostChanged(Host host, boolean online) implements LiveChange {
    }

    /** A host that was removed (or whose row no longer exists). */
    record HostRemoved(UUID id) implements LiveChange {
    }

    /** The change feed lost its database connection: changes in between may be missing. */
    record Resync() implements LiveChange {
    }
}
