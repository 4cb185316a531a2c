package dev.drover.hub.telemetry.service;

import dev.drover.hub.config.HubConfig;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.telemetry.repository.DeadLetterRepository;
import dev.drover.hub.telemetry.repository.DeadLetterRepository.DeadLetter;
import dev.drover.hub.telemetry.repository.UsageEventRepository;
import dev.drover.hub.telemetry.repository.UsageEventRepository.UsageEvent;
import dev.drover.telemetry.v1.CostBasis;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies the ingest's events one by one (docs/adr/0003, docs/adr/0009): a usage delta is stored once and added
 * to its session's totals in its own transaction. An event the hub cannot apply (a negative figure, a value the
 * database refuses such as a NUL byte or a total beyond 2^63−1) is moved to the dead letters with its reason, so
 * one session's bad event never stops the stream for the others. Failures that say nothing about the event (the
 * database is unreachable, a deadlock) fail the call: the ingest resends the event later.
 */
@ApplicationScoped
public class TelemetryService {

    /** SQLSTATE classes of failures that are the database's, not the event's: connection, rollback, resources, operator, system. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");
    private static final int MAX_TEXT = 512;
    private static final Logger LOG = Logger.getLogger(TelemetryService.class);

    private final UsageEventRepository usage;
    private final DeadLetterRepository deadLetters;
    private final SessionRepository sessions;
    private final AtomicLong activityEvents = new AtomicLong();
    private final Event<UsageApplied> usageApplied;
    private final HubConfig config;

    public TelemetryService(UsageEventRepository usage, DeadLetterRepository deadLetters, SessionRepository sessions,
            Event<UsageApplied> usageApplied, HubConfig config) {
        this.usageApplied = usageApplied;
        this.config = config;
        this.usage = usage;
        this.deadLetters = deadLetters;
        this.sessions = sessions;
    }

    /**
     * Whether the session a telemetry token names ({@code sessionId}, the token's subject) is live, so that its token
     * is still good: also for {@code drover.hub.telemetry-end-grace} after it ended, for the usage its CLI flushes as
     * it exits; a session that ended before, or that this hub does not know (or an id that is none), is not.
     */
    public Uni<Boolean> isLive(String sessionId) {
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(false);
        }
        Instant graceStart = Instant.now().minus(config.telemetryEndGrace());
        return Panache.withSession(() -> sessions.findById(id))
                .map(session -> session != null && (session.state.live()
                        || session.endedAt != null && session.endedAt.isAfter(graceStart)));
    }

    /** Applies the event, or dead-letters it when it cannot be applied; completes once either is durable. */
    public Uni<Void> apply(TelemetryEvent event) {
        return switch (event.getPayloadCase()) {
            case USAGE -> applyUsage(event);
            case ACTIVITY -> {
                LOG.debugf("activity %s of session %s (%d so far)", escaped(event.getActivity().getName()),
                        escaped(event.getSessionId()), activityEvents.incrementAndGet());
                yield Uni.createFrom().voidItem();
            }
            case PAYLOAD_NOT_SET -> {
                LOG.debugf("event %s without payload dropped", escaped(event.getEventId()));
                yield Uni.createFrom().voidItem();
            }
        };
    }

    /** The newest dead letters, at most {@code limit}. */
    public Uni<List<DeadLetter>> deadLetters(int limit) {
        return deadLetters.newest(limit);
    }

    private Uni<Void> applyUsage(TelemetryEvent event) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(event.getSessionId());
        } catch (IllegalArgumentException e) {
            LOG.debugf("usage event %s for malformed session id %s dropped", escaped(event.getEventId()),
                    escaped(event.getSessionId()));
            return Uni.createFrom().voidItem();
        }
        UsageDelta delta = event.getUsage();
        String negative = negativeField(delta);
        if (negative != null) {
            return deadLetter(event, negative + " is negative");
        }
        UsageEvent stored = new UsageEvent(event.getEventId(), sessionId, delta.getModel(), delta.getInputTokens(),
                delta.getOutputTokens(), delta.getCacheReadTokens(), delta.getCacheCreationTokens(),
                delta.getCostNanoUsd(), costBasis(delta.getCostBasis()), delta.getContextWindowTokens(), delta.getSource(),
                observedAt(event.getObservedAtUnixNanos()));
        return usage.record(stored)
                .invoke(outcome -> {
                    if (outcome == UsageEventRepository.Outcome.UNKNOWN_SESSION) {
                        LOG.debugf("usage event %s for unknown session %s dropped", escaped(event.getEventId()), sessionId);
                    }
                })
                .chain(outcome -> outcome == UsageEventRepository.Outcome.COUNTED
                        ? applied(sessionId)
                        : Uni.createFrom().voidItem())
                .onFailure(TelemetryService::isCausedByTheEvent)
                .recoverWithUni(failure -> deadLetter(event, ((PgException) failure).getErrorMessage()));
    }

    /** Tells the other features that the session's usage grew; their failures are logged, the event stays counted. */
    private Uni<Void> applied(UUID sessionId) {
        UsageApplied applied = new UsageApplied(sessionId);
        usageApplied.fire(applied);
        return applied.work()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "session %s: what follows from its usage failed", sessionId);
                    return null;
                });
    }

    private Uni<Void> deadLetter(TelemetryEvent event, String reason) {
        LOG.warnf("telemetry event %s of session %s dead-lettered: %s", escaped(event.getEventId()),
                escaped(event.getSessionId()), escaped(reason));
        return deadLetters.add(new DeadLetter(escaped(event.getEventId()), escaped(event.getSessionId()),
                escaped(reason), event.toByteArray(), OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private static String negativeField(UsageDelta delta) {
        if (delta.getInputTokens() < 0) {
            return "input_tokens";
        }
        if (delta.getOutputTokens() < 0) {
            return "output_tokens";
        }
        if (delta.getCacheReadTokens() < 0) {
            return "cache_read_tokens";
        }
        if (delta.getCacheCreationTokens() < 0) {
            return "cache_creation_tokens";
        }
        if (delta.getContextWindowTokens() < 0) {
            return "context_window_tokens";
        }
        return delta.getCostNanoUsd() < 0 ? "cost_nano_usd" : null;
    }

    /** How the cost was found, as stored; an ingest older than the basis reported only the CLIs' own cost. */
    private static String costBasis(CostBasis basis) {
        return switch (basis) {
            case COST_BASIS_ESTIMATED -> "estimated";
            case COST_BASIS_UNPRICED -> "unpriced";
            case COST_BASIS_REPORTED, COST_BASIS_UNSPECIFIED, UNRECOGNIZED -> "reported";
        };
    }

    private static boolean isCausedByTheEvent(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() == 5
                && !TRANSIENT_SQL_STATE_CLASSES.contains(pg.getSqlState().substring(0, 2));
    }

    /** Text safe to store and log: control characters as {@code \\uXXXX}, at most {@value #MAX_TEXT} characters. */
    public static String escaped(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static OffsetDateTime observedAt(long unixNanos) {
        Instant instant = unixNanos == 0
                ? Instant.now()
                : Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
        return instant.atOffset(ZoneOffset.UTC);
    }
}
