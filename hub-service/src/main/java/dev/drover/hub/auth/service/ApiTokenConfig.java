package dev.drover.hub.auth.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Personal API tokens, under {@code drover.hub.api-tokens}. */
@ConfigMapping(prefix = "drover.hub.api-tokens")
public interface ApiTokenConfig {

    /** The longest lifetime a new token may be given. */
    @WithDefault("P365D")
    Duration maxLifetime();

    /** How stale a token's last-used time may be: it is written at most once per token in this time. */
    @WithDefault("PT1M")
    Duration lastUsedResolution();
}
