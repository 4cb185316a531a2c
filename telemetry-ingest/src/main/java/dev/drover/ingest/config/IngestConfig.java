package dev.drover.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** Settings of the telemetry ingest ({@code drover.ingest.*}). */
@ConfigMapping(prefix = "drover.ingest")
public interface IngestConfig {

    /** Base URL of the hub's HTTP API; its public keys are read from {@code <hub-url>/api/v1/auth/jwks}. */
    @WithDefault("http://localhost:8420")
    String hubUrl();

    /** Shared secret the ingest presents to the hub's TelemetryStream as {@code authorization: Bearer <secret>}. */
    String hubSecret();

    /** Directory for the ingest's state: the outbox of events the hub has not acknowledged yet ({@code <data-dir>/outbox}). */
    @WithDefault("${user.home}/.local/state/drover/ingest")
    Path dataDir();

    /**
     * Agent profile overrides and extra profiles ({@code *.yaml}), merged over the shipped ones at start: the same
     * files as the daemons' {@code drover.daemon.profiles.dir}, so that an agent added there is counted here too.
     */
    @WithDefault("${HOME:${user.home}}/.config/drover/profiles")
    Path profilesDir();

    /** Most events kept unacknowledged; exports are refused (HTTP 503, gRPC UNAVAILABLE) while it is full. */
    @WithDefault("100000")
    int outboxCapacity();

    /** Most unacknowledged events of one session; its exports are refused (HTTP 429, gRPC RESOURCE_EXHAUSTED) beyond. */
    @WithDefault("10000")
    int outboxSessionCapacity();

    /** Size after which the outbox starts a new segment file, in bytes (a segment is deleted once fully acknowledged). */
    @WithDefault("8388608")
    long outboxSegmentSize();

    /** Largest OTLP/HTTP body accepted as sent (chunked or with a Content-Length), in bytes (larger ones answer 413). */
    @WithDefault("8388608")
    long maxBodySize();

    /** Largest export body accepted after gzip decompression, in bytes (larger ones answer 413). */
    @WithDefault("33554432")
    long maxDecompressedBodySize();

    /**
     * How long the hub's answer whether a telemetry token's session is live is trusted: a session's token is refused
     * at most this long after the session ended.
     */
    @WithDefault("5s")
    Duration sessionCheckCache();

    /** How the ingest reconnects to the hub. */
    Reconnect reconnect();

    /** Reconnection to the hub's TelemetryStream (capped exponential backoff with jitter, forever). */
    interface Reconnect {

        /** First wait after the stream fails. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
