package dev.drover.hub.notify.service;

import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.HostOfflineException;
import dev.drover.hub.error.HostTimeoutException;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.notify.repository.DecisionRepository;
import dev.drover.hub.notify.repository.DecisionRepository.Decision;
import dev.drover.hub.session.service.SessionService;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Allow or deny, decided by a person in Drover on what a session's agent waits for (ADR 0024): the
 * session's daemon carries the decision to the agent (its held approval hook, or its profile's keys),
 * and the decision is kept with who made it and when. Who may decide is the caller's check.
 */
@ApplicationScoped
public class Approvals {

    /** The most decisions the API answers for a session, the latest ones. */
    public static final int MAX_HISTORY = 500;
    private static final Set<String> WAITING = Set.of("needs-approval", "needs-answer");

    private final SessionService sessions;
    private final HostRepository hosts;
    private final DaemonRegistry daemons;
    private final DecisionRepository decisions;
    private final NotifyConfig config;

    public Approvals(SessionService sessions, HostRepository hosts, DaemonRegistry daemons, DecisionRepository decisions,
            NotifyConfig config) {
        this.sessions = sessions;
        this.hosts = hosts;
        this.daemons = daemons;
        this.decisions = decisions;
        this.config = config;
    }

    /**
     * Carries {@code allow} (or deny) with {@code reason} to the session's agent and records it as
     * {@code decidedBy}'s. {@code ConflictException} when the session does not run or its agent waits
     * for nobody, or its daemon finds nothing to answer; {@code HostOfflineException} when its host is away.
     */
    @WithSpan
    public Uni<Decision> decide(UUID sessionId, boolean allow, String reason, String decidedBy) {
        return sessions.find(sessionId).chain(session -> {
            if (!session.state.live() || session.activity == null || !WAITING.contains(session.activity)) {
                return Uni.createFrom().failure(new ConflictException("the session's agent is not waiting for a decision"));
            }
            return hosts.findById(session.hostId).chain(host -> daemons.find(session.hostId)
                    .map(link -> link.request(new DaemonMessage.Decide(UUID.randomUUID().toString(), sessionId, allow, reason,
                                    decidedBy), config.decisionTimeout())
                            .onFailure(TimeoutException.class)
                            .transform(late -> new HostTimeoutException(host.name, "carry the decision", config.decisionTimeout())))
                    .orElseGet(() -> Uni.createFrom().failure(new HostOfflineException(host.name))));
        }).chain(answer -> switch (answer) {
            case DaemonMessage.Decided decided -> {
                Decision decision = new Decision(sessionId, Instant.now(), decidedBy, allow ? "allow" : "deny",
                        reason == null || reason.isBlank() ? null : reason.strip(), decided.via(), decided.detail());
                yield decisions.record(decision).replaceWith(decision);
            }
            case DaemonMessage.RequestFailed failed -> Uni.createFrom().failure(new ConflictException(failed.reason()));
            default -> Uni.createFrom().failure(new IllegalStateException("unexpected answer " + answer.getClass().getSimpleName()));
        });
    }

    /** The session's latest decisions, oldest first; {@code NotFoundException} when there is no such session. */
    @WithSpan
    public Uni<List<Decision>> history(UUID sessionId) {
        return sessions.find(sessionId).chain(() -> decisions.latest(sessionId, MAX_HISTORY));
    }
}
