package dev.drover.hub.audit.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The audit trail, under {@code drover.hub.audit}. */
@ConfigMapping(prefix = "drover.hub.audit")
public interface AuditConfig {

    /** How long entries are kept; older ones are deleted by the retention job. */
    @WithDefault("P365D")
    Duration retention();

    /** How often the retention job deletes entries older than {@link #retention()}. */
    @WithDefault("PT1H")
    Duration retentionInterval();

    /**
     * Whether terminal input entries hold what was typed (up to {@link #terminalInputContentLimit()}
     * characters per entry); by default they hold only its size.
     */
    @WithDefault("false")
    boolean terminalInputContent();

    /** The most characters of typed text one terminal input entry keeps when {@link #terminalInputContent()} is on. */
    @WithDefault("65536")
    int terminalInputContentLimit();

    /** Terminal input of one person in one session is summed over this long into one entry. */
    @WithDefault("PT1M")
    Duration terminalInputWindow();
}
