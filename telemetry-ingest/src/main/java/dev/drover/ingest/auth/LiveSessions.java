package dev.drover.ingest.auth;

import dev.drover.ingest.config.IngestConfig;
import dev.drover.ingest.forwarding.HubPublisher;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc.MutinyTelemetryStreamStub;
import dev.drover.telemetry.v1.SessionStatusRequest;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the session a telemetry token names is live, which it must be for its token to be good (docs/adr/0013): asked
 * of the hub ({@code TelemetryStream.GetSessionStatus}, which reads the session's state from its database) and trusted
 * for {@code drover.ingest.session-check-cache}. Nothing is kept across restarts of the ingest or the hub, so neither
 * brings an ended session's token back. When the hub cannot be asked, the last answer stands (a live session goes on
 * exporting through a restart of the hub); without one the export is answered as retryable.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class LiveSessions {

    private static final Logger LOG = Logger.getLogger(LiveSessions.class);
    /** The longest wait for the hub's answer (a cold hub on a loaded machine took more than 2 s for its first). */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    /** Answers older than this are forgotten (checked at most this often), so the map holds recent sessions only. */
    private static final Duration KEPT = Duration.ofMinutes(10);

    private final MutinyTelemetryStreamStub hub;
    private final Duration trusted;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile Instant nextPrune = Instant.EPOCH;

    private record Answer(boolean live, Instant at) {
    }

    public LiveSessions(@GrpcClient("hub") MutinyTelemetryStreamStub hub, IngestConfig config) {
        this.hub = HubPublisher.authenticated(hub, config);
        this.trusted = config.sessionCheckCache();
    }

    /**
     * @param sessionId a verified telemetry token's subject
     * @throws HubUnavailableException when the hub cannot be asked and never answered for this session
     */
    @WithSpan
    public boolean isLive(String sessionId) {
        Instant now = Instant.now();
        Answer known = answers.get(sessionId);
        if (known != null && known.at().plus(trusted).isAfter(now)) {
            return known.live();
        }
        boolean live;
        try {
            live = hub.getSessionStatus(SessionStatusRequest.newBuilder().setSessionId(sessionId).build())
                    .await().atMost(ASK_TIMEOUT)
                    .getLive();
        } catch (RuntimeException e) {
            if (known != null) {
                LOG.debugf("cannot ask the hub whether session %s is live (%s); its last answer stands", sessionId, e);
                return known.live();
            }
            LOG.warnf("cannot ask the hub whether session %s is live: %s", sessionId, e);
            throw new HubUnavailableException("the hub cannot confirm the telemetry token's session right now; retry later", e);
        }
        prune(now);
        answers.put(sessionId, new Answer(live, now));
        return live;
    }

    private void prune(Instant now) {
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(KEPT);
            answers.values().removeIf(answer -> answer.at().plus(KEPT).isBefore(now));
        }
    }
}
