package dev.drover.hub.link;

import dev.drover.hub.config.HubConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Closes the socket of every daemon silent for longer than {@code drover.hub.heartbeat-timeout}
 * (close code {@value #HEARTBEAT_TIMEOUT}), so a host whose network was cut goes offline even when
 * TCP does not notice, and treats the link as gone at once: it leaves the registry (frames that
 * arrive late on it, when the network comes back, cannot make the host look online nor carry new
 * viewers), and its viewers and waiting spawns are told now, not when the close handshake a
 * cut-off daemon cannot answer times out. Runs every
 * {@code drover.hub.heartbeat-check-interval} on a Vert.x timer.
 */
@ApplicationScoped
public class HeartbeatWatch {

    /** Close code for a daemon that sent nothing within the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4408;
    private static final Logger LOG = Logger.getLogger(HeartbeatWatch.class);

    private final DaemonRegistry registry;
    private final HubConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public HeartbeatWatch(DaemonRegistry registry, HubConfig config, Vertx vertx) {
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.heartbeatCheckInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void check() {
        for (DaemonLink link : registry.all()) {
            if (link.silence().compareTo(config.heartbeatTimeout()) > 0 && link.markTimedOut()) {
                LOG.warnf("daemon of host %s (%s) silent for %d ms; closing its socket", link.hostName(), link.hostId(),
                        link.silence().toMillis());
                registry.remove(link);
                link.disconnect(HEARTBEAT_TIMEOUT, "heartbeat timeout");
                link.disconnected();
            }
        }
    }
}
