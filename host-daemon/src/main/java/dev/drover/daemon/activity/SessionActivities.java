package dev.drover.daemon.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.session.OutputTap;
import dev.drover.profiles.AgentProfile;
import dev.drover.protocol.daemon.ActivityState;
import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * What the agent of every running session is doing (ADR 0018): one {@link ActivityDetector} per
 * session, fed by its hooks, its output's titles, OSC marks and bells, its screen, the growth of its
 * log and its exit, and the transitions to report to the hub. Every detector call runs on one
 * platform thread ({@code activity}), which also ticks every {@link #TICK} for the quiet rule; the
 * signals reach it already matched (the screen's patterns run on the terminal model's thread).
 */
@ApplicationScoped
public class SessionActivities {

    private static final Logger LOG = Logger.getLogger(SessionActivities.class);
    /** How often the quiet rule looks at every session's log. */
    static final Duration TICK = Duration.ofMillis(250);

    private final Function<String, Optional<AgentProfile>> profiles;
    private final Map<UUID, Tracked> sessions = new ConcurrentHashMap<>();
    private final Set<Consumer<DaemonMessage.Activity>> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("activity").daemon().factory());

    @Inject
    public SessionActivities(ProfileRegistry profiles) {
        this(profiles::find);
    }

    /** Activities of sessions whose profiles {@code profiles} finds by id. */
    public SessionActivities(Function<String, Optional<AgentProfile>> profiles) {
        this.profiles = profiles;
        thread.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts following a session of profile {@code profile} (its status rules) whose output ends at
     * {@code outputEnd}; the answer is to be shown the session's output.
     */
    public OutputTap track(UUID sessionId, String profile, LongSupplier outputEnd) {
        ActivityRules rules = Optional.ofNullable(profile)
                .flatMap(profiles)
                .map(found -> new ActivityRules(found.status()))
                .orElseGet(ActivityRules::none);
        Tracked tracked = new Tracked(sessionId, rules, outputEnd, Instant.now());
        sessions.put(sessionId, tracked);
        execute(() -> report(tracked, tracked.detector.current()));
        return new ActivityTap(rules, observation -> {
            Instant now = Instant.now();
            run(sessionId, detector -> detector.observe(now, observation));
        });
    }

    /** A session's agent called hook {@code event} with payload {@code call}. */
    public void hook(UUID sessionId, String event, JsonNode call) {
        Tracked tracked = sessions.get(sessionId);
        if (tracked != null) {
            Instant now = Instant.now();
            tracked.rules.hook(event, call).ifPresent(observation -> run(sessionId, detector -> detector.observe(now, observation)));
        }
    }

    /** Whether hook {@code event} with payload {@code call} means the session's agent waits for an approval. */
    public boolean asksApproval(UUID sessionId, String event, JsonNode call) {
        Tracked tracked = sessions.get(sessionId);
        return tracked != null && tracked.rules.hook(event, call)
                .filter(observation -> observation.state() == ActivityState.NEEDS_APPROVAL)
                .isPresent();
    }

    /** A person decided on what the session's agent asked ({@code cause} says who and how): it works again. */
    public void decided(UUID sessionId, String cause) {
        Instant now = Instant.now();
        run(sessionId, detector -> detector.observe(now, new Observation(Observation.Source.HOOK, ActivityState.WORKING, cause, null)));
    }

    /** A session's process ended: its last transition, then it is no longer followed. */
    public void exited(UUID sessionId, Integer exitCode) {
        Instant now = Instant.now();
        run(sessionId, detector -> detector.exited(now, exitCode));
        execute(() -> sessions.remove(sessionId));
    }

    /** A session's state now, when it is followed. */
    public Optional<DaemonMessage.Activity> current(UUID sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(tracked -> tracked.reported);
    }

    /** The state of every followed session, for a hub that just welcomed the daemon. */
    public List<DaemonMessage.Activity> all() {
        return sessions.values().stream().map(tracked -> tracked.reported).filter(Objects::nonNull).toList();
    }

    /** Registers a callback for transitions, called in order on the activity thread: it must not block. */
    public void onChange(Consumer<DaemonMessage.Activity> listener) {
        listeners.add(listener);
    }

    @PreDestroy
    public void stop() {
        thread.shutdownNow();
    }

    private void tick() {
        Instant now = Instant.now();
        sessions.values().forEach(tracked -> {
            try {
                tracked.detector.tick(now, tracked.outputEnd.getAsLong()).ifPresent(moved -> report(tracked, moved));
            } catch (RuntimeException e) {
                LOG.warnf("activity of session %s: %s", tracked.id, e.toString());
            }
        });
    }

    private void run(UUID sessionId, Function<ActivityDetector, Optional<ActivityDetector.Transition>> call) {
        execute(() -> {
            Tracked tracked = sessions.get(sessionId);
            if (tracked != null) {
                call.apply(tracked.detector).ifPresent(moved -> report(tracked, moved));
            }
        });
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debugf("activity after shutdown ignored: %s", e.getMessage());
        }
    }

    private void report(Tracked tracked, ActivityDetector.Transition moved) {
        DaemonMessage.Activity activity = new DaemonMessage.Activity(tracked.id, moved.state(), moved.since(), moved.cause(),
                moved.detail());
        tracked.reported = activity;
        LOG.debugf("session %s is %s since %s: %s", tracked.id, moved.state().wire(), moved.since(), moved.cause());
        listeners.forEach(listener -> listener.accept(activity));
    }

    /** One followed session; its detector is used on the activity thread only. */
    private static final class Tracked {

        private final UUID id;
        private final ActivityRules rules;
        private final LongSupplier outputEnd;
        private final ActivityDetector detector;
        private volatile DaemonMessage.Activity reported;

        Tracked(UUID id, ActivityRules rules, LongSupplier outputEnd, Instant start) {
            this.id = id;
            this.rules = rules;
            this.outputEnd = outputEnd;
            this.detector = new ActivityDetector(rules, start);
        }
    }
}
