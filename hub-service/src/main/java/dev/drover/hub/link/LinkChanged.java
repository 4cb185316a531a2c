package dev.drover.hub.link;

import java.util.UUID;

/**
 * A host's daemon link came or went (a CDI event, fired synchronously by {@link DaemonRegistry}):
 * whether the host is online changed without its row changing.
 */
public record LinkChanged(UUID hostId) {
}
