package dev.drover.hub.session.service;

import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionActivity;
import dev.drover.hub.session.repository.SessionActivityRepository;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * What the sessions' agents are doing (ADR 0018): each transition a daemon reports is kept in the
 * session's history, and the latest one is the session's current activity. A daemon repeats its
 * sessions' current activity after each welcome, and reports may overtake each other, so a transition
 * already kept is not kept twice and an older one never replaces a newer current one.
 */
@ApplicationScoped
public class ActivityHistory {

    private static final Logger LOG = Logger.getLogger(ActivityHistory.class);
    /** The most transitions the API answers, the latest ones. */
    public static final int MAX_HISTORY = 500;
    /** Longest cause or detail kept; the daemon sends at most 300 characters. */
    static final int MAX_TEXT = 1000;

    private final SessionRepository sessions;
    private final SessionActivityRepository activities;

    public ActivityHistory(SessionRepository sessions, SessionActivityRepository activities) {
        this.sessions = sessions;
        this.activities = activities;
    }

    /** Keeps a transition host {@code hostId}'s daemon reported, if that host runs the session. */
    @WithTransaction
    public Uni<Void> record(UUID hostId, DaemonMessage.Activity reported) {
        return sessions.findById(reported.sessionId())
                .chain(session -> {
                    if (session == null || !session.hostId.equals(hostId)) {
                        LOG.debugf("activity of session %s from host %s ignored: not its session", reported.sessionId(), hostId);
                        return Uni.createFrom().voidItem();
                    }
                    current(session, reported);
                    return activities.has(session.id, reported.since(), reported.state().wire())
                            .chain(kept -> kept ? Uni.createFrom().voidItem() : activities.persist(transition(reported)).replaceWithVoid());
                });
    }

    /** The session's latest transitions, oldest first; {@link NotFoundException} when there is no such session. */
    @WithSpan
    public Uni<List<SessionActivity>> history(UUID id) {
        return sessions.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no session " + id))
                .chain(session -> activities.latest(id, MAX_HISTORY));
    }

    private static void current(Session session, DaemonMessage.Activity reported) {
        if (session.activitySince == null || !reported.since().isBefore(session.activitySince)) {
            session.activity = reported.state().wire();
            session.activitySince = reported.since();
            session.activityCause = clip(reported.cause());
            session.activityDetail = clip(reported.detail());
        }
    }

    private static SessionActivity transition(DaemonMessage.Activity reported) {
        SessionActivity transition = new SessionActivity();
        transition.sessionId = reported.sessionId();
        transition.state = reported.state().wire();
        transition.since = reported.since();
        transition.cause = clip(reported.cause());
        transition.detail = clip(reported.detail());
        return transition;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
