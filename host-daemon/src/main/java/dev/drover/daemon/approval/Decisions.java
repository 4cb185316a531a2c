package dev.drover.daemon.approval;

import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.profiles.AgentProfile;
import dev.drover.protocol.daemon.DaemonMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Carries a person's decision to a session's agent (ADR 0024): through its held approval hook when
 * one waits, else by typing the keys its profile declares ({@code status.approval.allow} /
 * {@code deny}) while the agent needs someone. The agent's activity then turns to working, caused by
 * the decision. Blocks while the keys are written: call it on a virtual thread.
 */
@ApplicationScoped
public class Decisions {

    private static final long WRITE_TIMEOUT_SECONDS = 5;

    private final HeldApprovals held;
    private final SessionRegistry sessions;
    private final Function<String, Optional<AgentProfile>> profiles;
    private final SessionActivities activities;

    @Inject
    public Decisions(HeldApprovals held, SessionRegistry sessions, ProfileRegistry profiles, SessionActivities activities) {
        this(held, sessions, profiles::find, activities);
    }

    /** Decisions on sessions whose profiles {@code profiles} finds by id. */
    public Decisions(HeldApprovals held, SessionRegistry sessions, Function<String, Optional<AgentProfile>> profiles,
            SessionActivities activities) {
        this.held = held;
        this.sessions = sessions;
        this.profiles = profiles;
        this.activities = activities;
    }

    /** Applies {@code decide}: answers {@code decided}, or {@code request-failed} with a reason safe to show. */
    public DaemonMessage decide(DaemonMessage.Decide decide) {
        UUID id = decide.sessionId();
        String cause = (decide.allow() ? "allowed" : "denied") + " in Drover by " + decide.decidedBy();
        String detail = activities.current(id).map(DaemonMessage.Activity::detail).orElse(null);
        if (held.answer(id, decide.allow(), decide.reason())) {
            activities.decided(id, cause + " (hook)");
            return new DaemonMessage.Decided(decide.requestId(), id, "hook", detail);
        }
        Optional<RunningSession> running = sessions.running(id);
        if (running.isEmpty()) {
            return new DaemonMessage.RequestFailed(decide.requestId(), "the session is not running");
        }
        if (activities.current(id).filter(now -> now.state().needsYou()).isEmpty()) {
            return new DaemonMessage.RequestFailed(decide.requestId(), "the agent is not waiting for a decision");
        }
        Optional<String> keys = sessions.profile(id).flatMap(profiles)
                .map(profile -> profile.status().approval())
                .map(approval -> decide.allow() ? approval.allow() : approval.deny());
        if (keys.isEmpty()) {
            return new DaemonMessage.RequestFailed(decide.requestId(),
                    "the session's profile declares no keys to " + (decide.allow() ? "allow" : "deny") + " its prompt");
        }
        try {
            running.get().write(keys.get().getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DaemonMessage.RequestFailed(decide.requestId(), "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new DaemonMessage.RequestFailed(decide.requestId(), "the keys could not be typed: " + e.getMessage());
        }
        activities.decided(id, cause + " (keys)");
        return new DaemonMessage.Decided(decide.requestId(), id, "keys", detail);
    }
}
