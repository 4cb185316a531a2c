package dev.drover.hub.notify.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Notifications and remote approvals, under {@code drover.hub.notifications} (ADR 0024). */
@ConfigMapping(prefix = "drover.hub.notifications")
public interface NotifyConfig {

    /** How many times a webhook notification is tried before it is given up (logged). */
    @WithDefault("4")
    int webhookAttempts();

    /** The wait before the first retry of a webhook notification; it doubles with each further one. */
    @WithDefault("PT1S")
    Duration webhookBackoff();

    /** How long one webhook attempt may take. */
    @WithDefault("PT5S")
    Duration webhookTimeout();

    /** How long the hub waits for a daemon to carry a decision to its agent. */
    @WithDefault("PT10S")
    Duration decisionTimeout();

    /** The hub's address as people open it ({@code https://drover.example}), for the links in webhook notifications. */
    Optional<URI> linkBase();
}
