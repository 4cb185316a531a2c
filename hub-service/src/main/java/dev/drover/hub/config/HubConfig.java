package dev.drover.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The hub's own settings, all under {@code drover.hub}. */
@ConfigMapping(prefix = "drover.hub")
public interface HubConfig {

    /** Directory for the hub's state: the JWT signing key pair (created on first start). */
    @WithDefault("${user.home}/.local/state/drover/hub")
    Path dataDir();

    /** Password for the {@code admin} account created on first start; generated and logged once when unset. */
    Optional<String> bootstrapAdminPassword();

    /** Lifetime of a login token (JWT and cookie). */
    @WithDefault("PT12H")
    Duration sessionTokenTtl();

    /** Lifetime of a one-time host join token. */
    @WithDefault("PT1H")
    Duration joinTokenTtl();

    /** Lifetime of a host credential; daemons trade theirs for a fresh one on every start and twice a day. */
    @WithDefault("P30D")
    Duration hostCredentialTtl();

    /** Lifetime of a session's telemetry token (audience {@code drover-ingest}). */
    @WithDefault("P30D")
    Duration telemetryTokenTtl();

    /**
     * How long after its session ended a telemetry token is still good, so that the usage a CLI exports as it exits
     * (its last turn's, flushed when its exporter shuts down) is accepted even when the end reached the hub first.
     */
    @WithDefault("PT15S")
    Duration telemetryEndGrace();

    /**
     * Browser origins besides the hub's own (for example {@code https://drover.example.com} behind a
     * proxy that rewrites Host, or a development server) that may open sockets and write with the
     * session cookie.
     */
    Optional<List<String>> allowedOrigins();

    /** OTLP endpoint of the telemetry ingest handed to agents; no OTLP variables are set when absent. */
    Optional<String> ingestUrl();

    /** Shared secret the ingest presents as {@code authorization: Bearer <secret>}; every stream is refused when absent. */
    Optional<String> ingestSecret();

    /** How long a spawn waits for the daemon's answer. */
    @WithDefault("PT10S")
    Duration spawnTimeout();

    /**
     * How long a connected daemon may stay silent before the hub takes it as gone and closes its
     * socket (4408): two missed heartbeats and some slack, so a host shows offline within 15 s.
     */
    @WithDefault("PT12S")
    Duration heartbeatTimeout();

    /** How often the hub looks for daemons silent for longer than {@link #heartbeatTimeout()}. */
    @WithDefault("PT2S")
    Duration heartbeatCheckInterval();

    /** Terminal settings. */
    Terminal terminal();

    /** Password sign-in: throttling of failures and how logins stay revocable. */
    Login login();

    /** Project scans and worktrees on the hosts. */
    Projects projects();

    /** The dashboard's event socket ({@code /api/v1/events}). */
    Events events();

    /** Event socket settings. */
    interface Events {

        /**
         * Characters of events a reader's socket may hold that the network did not take yet; a reader
         * that falls further behind is closed with 4429 (it reconnects and fetches again).
         */
        @WithDefault("2097152")
        long maxUnsent();

        /** How often each reader gets a {@code heartbeat} event, so it can tell a dead connection from a quiet one. */
        @WithDefault("PT25S")
        Duration heartbeatInterval();
    }

    /** How long the hub waits for daemons' project and worktree answers. */
    interface Projects {

        /** How long a refresh waits for the daemon's project scan (then 504). */
        @WithDefault("PT60S")
        Duration scanTimeout();

        /** How long discarding a worktree waits for the daemon (then 504). */
        @WithDefault("PT30S")
        Duration discardTimeout();
    }

    /** Password sign-in and login sessions. */
    interface Login {

        /** Failed sign-ins an account name may have before each further one doubles its wait. */
        @WithDefault("5")
        int accountFreeFailures();

        /** Failed sign-ins a client address may have before each further one doubles its wait. */
        @WithDefault("20")
        int addressFreeFailures();

        /** The wait after the first failure beyond the free ones. */
        @WithDefault("PT1S")
        Duration baseBackoff();

        /** The longest wait between attempts. */
        @WithDefault("PT5M")
        Duration maxBackoff();

        /** After this long without a failure, an account's or address's failures are forgotten. */
        @WithDefault("PT15M")
        Duration forgetAfter();

        /** How long a login session found live is trusted without asking the database again. */
        @WithDefault("PT2S")
        Duration liveCheckCache();

        /** How often open browser sockets are checked against their login sessions (closed when it ended). */
        @WithDefault("PT5S")
        Duration socketCheckInterval();
    }

    /** Terminal socket settings. */
    interface Terminal {

        /** Credit window: bytes a viewer may hold unacknowledged. */
        @WithDefault("1048576")
        long window();

        /**
         * Input bytes per session sent to its daemon and not yet taken by the session's keeper;
         * beyond it the hub stops reading the sockets of the viewers who type into that session. It
         * also bounds how many messages of one flooding viewer the hub handles in a row on an event
         * loop that may serve the daemon's link too (docs/adr/0008-input-backpressure.md).
         */
        @WithDefault("65536")
        long inputWindow();
    }
}
