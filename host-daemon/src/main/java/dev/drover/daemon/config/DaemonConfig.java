package dev.drover.daemon.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the host daemon ({@code drover.daemon.*}, env {@code DROVER_DAEMON_*}). */
@ConfigMapping(prefix = "drover.daemon")
public interface DaemonConfig {

    /** Base URL of the hub, e.g. {@code http://127.0.0.1:8420}; {@code https} dials {@code wss}. */
    URI hubUrl();

    /** One-time join token from {@code POST /api/v1/hosts}; used only while no credential is saved. */
    Optional<String> joinToken();

    /** Directory holding {@code credential.jwt} and the session logs. */
    @WithDefault("${user.home}/.local/state/drover/daemon")
    Path stateDir();

    /** Loopback HTTP port for agent hooks; 0 picks a free port. */
    @WithDefault("0")
    int httpPort();

    /** Command started when a spawn request carries no command. */
    @WithDefault("/bin/bash")
    String shell();

    /** Reconnection to the hub. */
    Reconnect reconnect();

    /** Capped exponential backoff with full jitter between connection attempts. */
    interface Reconnect {

        /** Upper bound of the first delay; doubles after each failed attempt. */
        @WithDefault("500ms")
        Duration minDelay();

        /** Cap of the delay. */
        @WithDefault("30s")
        Duration maxDelay();
    }
}
