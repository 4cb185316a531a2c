package dev.drover.hub.prompt.service;

import dev.drover.hub.context.SafeContexts;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.link.DaemonLink;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.hub.link.LinkChanged;
import dev.drover.hub.live.service.LiveChange;
import dev.drover.hub.prompt.repository.DeliveryStatus;
import dev.drover.hub.prompt.repository.Prompt;
import dev.drover.hub.prompt.repository.PromptDelivery;
import dev.drover.hub.prompt.repository.PromptDeliveryRepository;
import dev.drover.hub.prompt.repository.PromptRepository;
import dev.drover.hub.session.repository.Session;
import dev.drover.hub.session.repository.SessionFilter;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.service.SessionAccess;
import dev.drover.hub.session.service.SessionCaller;
import dev.drover.hub.session.service.SessionIds;
import dev.drover.hub.session.service.SessionRights;
import dev.drover.protocol.daemon.ActivityState;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Types prompts into sessions' agents on someone's behalf and follows each delivery to its end (ADR
 * 0025). A delivery waits until its agent is idle (the session's activity, ADR 0018), then the
 * session's daemon types it, checking once more that the agent is idle; it is confirmed when the
 * agent then works (or asks something) or its {@code UserPromptSubmit} hook fires. An agent that
 * waits for an approval or an answer when the prompt is sent is never typed into: that delivery is
 * refused. Every change of a delivery is stored and pushed on the event socket.
 *
 * <p>Deliveries under way live in this hub's memory, driven by the sessions' committed changes
 * ({@link LiveChange.SessionChanged}), daemons coming back ({@link LinkChanged}) and timers; a
 * restarted hub ends the ones it left as failed.
 */
@ApplicationScoped
public class PromptDeliveries {

    private static final Logger LOG = Logger.getLogger(PromptDeliveries.class);
    /** The most deliveries a session's history answers, the latest ones. */
    public static final int MAX_HISTORY = 200;
    static final String USER_PROMPT_SUBMIT = "UserPromptSubmit";

    private final PromptRepository prompts;
    private final PromptDeliveryRepository deliveries;
    private final SessionRepository sessions;
    private final SessionAccess access;
    private final DaemonRegistry daemons;
    private final PromptConfig config;
    private final Vertx vertx;
    private final Event<DeliveryChanged> changes;
    /** Deliveries under way, by id. */
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

    public PromptDeliveries(PromptRepository prompts, PromptDeliveryRepository deliveries, SessionRepository sessions,
            SessionAccess access, DaemonRegistry daemons, PromptConfig config, Vertx vertx, Event<DeliveryChanged> changes) {
        this.prompts = prompts;
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.access = access;
        this.daemons = daemons;
        this.config = config;
        this.vertx = vertx;
        this.changes = changes;
    }

    void start(@Observes StartupEvent event) {
        onNewContext(() -> Panache.withTransaction(() -> deliveries.abandonUnfinished(
                "the hub restarted before the prompt was delivered", Instant.now())))
                .subscribe().with(
                        count -> LOG.debugf("%d prompt deliveries a hub left unfinished ended as failed", count),
                        failure -> LOG.warnf("cannot end the prompt deliveries a hub left unfinished: %s", failure.getMessage()));
    }

    /**
     * Records a prompt with one delivery per target session and starts them; answers at once. An
     * ended session among {@code sessionIds} gets a delivery that ended; an unknown one is
     * {@link NotFoundException}, as is one {@code caller} may not see, and one they may only watch is
     * {@link NotPermittedException}; a selection takes only the sessions they may type into. No session
     * at all, or too many, is {@link InvalidException}.
     */
    @WithSpan
    public Uni<SentPrompt> send(PromptOrder order, SessionCaller caller) {
        String createdBy = caller.username();
        Duration wait = order.waitFor() == null ? config.defaultWait() : order.waitFor();
        if (wait.compareTo(config.maxWait()) > 0) {
            throw new InvalidException("waitSeconds: must be at most " + config.maxWait().toSeconds());
        }
        return targets(order, caller)
                .chain(targets -> {
                    if (targets.isEmpty()) {
                        throw new InvalidException("no live session matches the selection");
                    }
                    if (targets.size() > config.maxSessions()) {
                        throw new InvalidException("a prompt goes to at most " + config.maxSessions() + " sessions, not "
                                + targets.size());
                    }
                    Prompt prompt = new Prompt();
                    prompt.id = SessionIds.next();
                    prompt.text = order.text();
                    prompt.createdBy = createdBy;
                    prompt.createdAt = Instant.now();
                    prompt.waitSeconds = Math.toIntExact(wait.toSeconds());
                    List<PromptDelivery> created = new ArrayList<>();
                    targets.forEach(session -> created.add(delivery(prompt, session, created.size())));
                    return Panache.withTransaction(() -> prompts.persist(prompt)
                                    .chain(() -> deliveries.persist(created)))
                            .map(ignored -> new SentPrompt(prompt, created))
                            .invoke(() -> targets.forEach(session -> created.stream()
                                    .filter(delivery -> delivery.sessionId.equals(session.id) && !delivery.status.finished())
                                    .forEach(delivery -> follow(new Run(delivery.id, prompt, session, wait)))));
                });
    }

    /** A prompt with its deliveries; {@link NotFoundException} when there is none or {@code caller} neither sent it nor is an admin. */
    @WithSpan
    public Uni<SentPrompt> get(UUID id, SessionCaller caller) {
        return prompts.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no prompt " + id))
                .invoke(prompt -> {
                    if (!caller.admin() && !prompt.createdBy.equals(caller.username())) {
                        throw new NotFoundException("no prompt " + id);
                    }
                })
                .chain(prompt -> deliveries.ofPrompt(id).map(found -> new SentPrompt(prompt, found)));
    }

    /** The latest prompts sent to a session, newest first; {@link NotFoundException} when there is no such session or {@code caller} may not see it. */
    @WithSpan
    public Uni<List<SessionPrompt>> ofSession(UUID sessionId, SessionCaller caller) {
        return access.visible(sessionId, caller)
                .chain(session -> deliveries.ofSession(sessionId, MAX_HISTORY))
                .chain(found -> {
                    Set<UUID> promptIds = found.stream().map(delivery -> delivery.promptId).collect(Collectors.toSet());
                    Uni<List<Prompt>> sent = promptIds.isEmpty() ? Uni.createFrom().item(List.of())
                            : prompts.list("id in ?1", promptIds);
                    return sent.map(list -> {
                        Map<UUID, Prompt> byId = list.stream().collect(Collectors.toMap(prompt -> prompt.id, prompt -> prompt));
                        return found.stream().map(delivery -> new SessionPrompt(byId.get(delivery.promptId), delivery)).toList();
                    });
                });
    }

    private Uni<List<Session>> targets(PromptOrder order, SessionCaller caller) {
        if (order.sessionIds() != null && !order.sessionIds().isEmpty()) {
            List<UUID> ids = List.copyOf(new LinkedHashSet<>(order.sessionIds()));
            return Multi.createFrom().iterable(ids)
                    .onItem().transformToUniAndConcatenate(id -> access.requiring(id, caller, SessionRights.TYPE))
                    .collect().asList();
        }
        PromptOrder.Selection selection = order.selection();
        if (selection == null) {
            throw new InvalidException("give sessionIds or a selection");
        }
        SessionFilter filter = new SessionFilter(selection.hostId(), null, selection.profile(), selection.project(), null,
                List.of(), false, caller.admin() ? null : caller.username());
        return sessions.find(filter, null, 0)
                .map(slice -> slice.sessions().stream()
                        .filter(session -> selection.activity() == null || selection.activity().equals(session.activity))
                        .toList()
                        .reversed())
                .chain(found -> typable(found, caller));
    }

    /** Those of {@code found} that {@code caller} may type into, in their order. */
    private Uni<List<Session>> typable(List<Session> found, SessionCaller caller) {
        if (found.isEmpty() || caller.admin()) {
            return Uni.createFrom().item(found);
        }
        return Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(session -> access.rights(session, caller)
                        .map(rights -> rights.atLeast(SessionRights.TYPE) ? session : null))
                .collect().asList();
    }

    private static PromptDelivery delivery(Prompt prompt, Session session, int position) {
        PromptDelivery delivery = new PromptDelivery();
        delivery.position = position;
        delivery.id = SessionIds.next();
        delivery.promptId = prompt.id;
        delivery.sessionId = session.id;
        delivery.status = DeliveryStatus.WAITING;
        if (!session.state.live()) {
            delivery.status = DeliveryStatus.ENDED;
            delivery.detail = "the session is " + session.state.wire();
            delivery.finishedAt = prompt.createdAt;
        }
        return delivery;
    }

    void sessionChanged(@Observes LiveChange.SessionChanged changed) {
        Session session = changed.session().session();
        runsOf(session.id).forEach(run -> consider(run, session));
    }

    void sessionRemoved(@Observes LiveChange.SessionRemoved removed) {
        runsOf(removed.id()).forEach(run -> finish(run, DeliveryStatus.ENDED, "the session was removed"));
    }

    /** A daemon came back (or went): deliveries that wait on its host look at their sessions again. */
    void linkChanged(@Observes LinkChanged changed) {
        runs.values().stream()
                .filter(run -> run.hostId.equals(changed.hostId()))
                .forEach(this::reconsider);
    }

    private List<Run> runsOf(UUID sessionId) {
        return runs.values().stream().filter(run -> run.sessionId.equals(sessionId)).toList();
    }

    private void follow(Run run) {
        runs.put(run.id, run);
        run.waitTimer = vertx.setTimer(Math.max(1, run.wait.toMillis()), id -> waited(run));
        reconsider(run);
    }

    private void reconsider(Run run) {
        onNewContext(() -> sessions.findById(run.sessionId))
                .subscribe().with(session -> consider(run, session),
                        failure -> LOG.warnf("prompt delivery %s: cannot load session %s: %s", run.id, run.sessionId,
                                failure.getMessage()));
    }

    /** Moves a delivery on from what its session shows now. */
    private void consider(Run run, Session session) {
        boolean type;
        synchronized (run) {
            if (run.status.finished()) {
                return;
            }
            boolean first = !run.looked;
            run.looked = true;
            if (session == null || !session.state.live()) {
                type = false;
            } else if (run.status == DeliveryStatus.TYPED) {
                String sign = confirmation(session, run.typedAt);
                if (sign != null) {
                    finish(run, DeliveryStatus.CONFIRMED, sign);
                }
                return;
            } else {
                ActivityState activity = session.activity == null ? null : ActivityState.ofWire(session.activity);
                if (first && activity != null && activity.needsYou()) {
                    finish(run, DeliveryStatus.REFUSED, refusal(activity, session.activityDetail));
                    return;
                }
                type = activity == ActivityState.IDLE && !run.typing;
                run.typing |= type;
            }
        }
        if (session == null || !session.state.live()) {
            finish(run, DeliveryStatus.ENDED, session == null ? "the session was removed" : "the session is " + session.state.wire());
        } else if (type) {
            type(run);
        }
    }

    /**
     * What shows the agent took a prompt typed at {@code typedAt}: its {@code UserPromptSubmit} hook, or
     * its activity moving to working (or to asking someone) since; null when nothing does yet.
     */
    private static String confirmation(Session session, Instant typedAt) {
        if (USER_PROMPT_SUBMIT.equals(session.lastHookEvent) && session.lastHookAt != null
                && !session.lastHookAt.isBefore(typedAt)) {
            return "hook " + USER_PROMPT_SUBMIT;
        }
        if (session.activity != null && session.activitySince != null && !session.activitySince.isBefore(typedAt)) {
            ActivityState activity = ActivityState.ofWire(session.activity);
            if (activity == ActivityState.WORKING || activity.needsYou()) {
                return session.activity + " since " + session.activitySince
                        + (session.activityCause == null ? "" : " (" + session.activityCause + ")");
            }
        }
        return null;
    }

    private static String refusal(ActivityState activity, String detail) {
        String waitsFor = activity == ActivityState.NEEDS_APPROVAL ? "an approval" : "an answer";
        return activity.wire() + ": the agent waits for " + waitsFor + (detail == null ? "" : " (" + detail + ")");
    }

    private void type(Run run) {
        DaemonLink link = daemons.find(run.hostId).orElse(null);
        if (link == null) {
            synchronized (run) {
                run.typing = false;
            }
            LOG.debugf("prompt delivery %s waits for host %s to come back", run.id, run.hostId);
            return;
        }
        onNewContext(() -> link.request(new DaemonMessage.Prompt(UUID.randomUUID().toString(), run.sessionId, run.text),
                        config.typeTimeout()))
                .subscribe().with(reply -> answered(run, reply), failure -> notTyped(run, failure));
    }

    private void answered(Run run, DaemonMessage reply) {
        if (!(reply instanceof DaemonMessage.Prompted prompted)) {
            String reason = reply instanceof DaemonMessage.RequestFailed failed ? failed.reason() : "unexpected answer";
            finish(run, DeliveryStatus.FAILED, "the host refused: " + reason);
            return;
        }
        if (prompted.typed()) {
            synchronized (run) {
                run.typing = false;
                run.status = DeliveryStatus.TYPED;
                run.typedAt = prompted.at();
                vertx.cancelTimer(run.waitTimer);
                run.waitTimer = vertx.setTimer(config.confirmTimeout().toMillis(), id -> unconfirmed(run));
            }
            store(run, DeliveryStatus.TYPED, null, prompted.at(), null);
            reconsider(run);
        } else if (prompted.state() == null) {
            finish(run, DeliveryStatus.ENDED, "the session does not run on its host");
        } else if (prompted.state().needsYou()) {
            finish(run, DeliveryStatus.REFUSED, refusal(prompted.state(), null));
        } else {
            synchronized (run) {
                run.typing = false;
            }
            LOG.debugf("prompt delivery %s: the agent was %s on its host, waiting", run.id, prompted.state().wire());
        }
    }

    private void notTyped(Run run, Throwable failure) {
        if (failure instanceof TimeoutException) {
            finish(run, DeliveryStatus.FAILED, "the host did not answer within " + config.typeTimeout().toSeconds() + " s");
            return;
        }
        synchronized (run) {
            run.typing = false;
        }
        LOG.debugf("prompt delivery %s not typed (%s); waiting for the host", run.id, failure.getMessage());
    }

    private void waited(Run run) {
        synchronized (run) {
            if (run.status != DeliveryStatus.WAITING || run.typing) {
                return;
            }
        }
        finish(run, DeliveryStatus.TIMED_OUT, "the agent was not idle within " + run.wait.toSeconds() + " s");
    }

    private void unconfirmed(Run run) {
        finish(run, DeliveryStatus.UNCONFIRMED, "typed, but the agent showed no sign of it within "
                + config.confirmTimeout().toSeconds() + " s");
    }

    /** Ends a delivery, once: stores and pushes its final status. */
    private void finish(Run run, DeliveryStatus status, String detail) {
        Instant typedAt;
        synchronized (run) {
            if (run.finished) {
                return;
            }
            run.finished = true;
            run.status = status;
            typedAt = run.typedAt;
            vertx.cancelTimer(run.waitTimer);
        }
        runs.remove(run.id);
        LOG.debugf("prompt delivery %s to session %s: %s (%s)", run.id, run.sessionId, status.wire(), detail);
        store(run, status, detail, typedAt, Instant.now());
    }

    /** Stores a delivery's new status after the ones before it, then pushes it. */
    private void store(Run run, DeliveryStatus status, String detail, Instant typedAt, Instant finishedAt) {
        synchronized (run) {
            run.stored = run.stored.thenCompose(ignored -> onNewContext(() -> Panache.withTransaction(
                            () -> deliveries.findById(run.id)
                                    .invoke(delivery -> {
                                        delivery.status = status;
                                        delivery.detail = detail;
                                        delivery.typedAt = typedAt;
                                        delivery.finishedAt = finishedAt;
                                    })))
                    .invoke(delivery -> changes.fire(new DeliveryChanged(delivery, run.sentBy)))
                    .onFailure().invoke(failure -> LOG.warnf("prompt delivery %s: cannot store %s: %s", run.id, status.wire(),
                            failure.getMessage()))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid()
                    .subscribeAsCompletionStage());
        }
    }

    private <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
        return SafeContexts.onNewContext(vertx, work);
    }

    /** A delivery under way. Its fields change under its own lock. */
    private static final class Run {

        final UUID id;
        final UUID sessionId;
        final UUID hostId;
        final String sentBy;
        final String text;
        final Duration wait;
        DeliveryStatus status = DeliveryStatus.WAITING;
        boolean looked;
        boolean typing;
        boolean finished;
        Instant typedAt;
        long waitTimer;
        CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);

        Run(UUID id, Prompt prompt, Session session, Duration wait) {
            this.id = id;
            this.sessionId = session.id;
            this.hostId = session.hostId;
            this.sentBy = prompt.createdBy;
            this.text = prompt.text;
            this.wait = wait;
        }
    }
}
