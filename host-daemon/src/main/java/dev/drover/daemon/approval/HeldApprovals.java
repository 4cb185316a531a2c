package dev.drover.daemon.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.hook.TurnRefusals;
import dev.drover.daemon.hub.HubLink;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.profiles.AgentProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The approval hooks (Claude Code's {@code PermissionRequest}) held open until a person decides in
 * Drover (ADR 0024): at most one per session, the latest. A held hook is answered with the decision,
 * or with "no decision" ({@code {}}) after {@code drover.daemon.approvals.hold}, when a newer one
 * replaces it, or never when the agent hung up first (it then shows its own prompt).
 */
@ApplicationScoped
public class HeldApprovals {

    private final Vertx vertx;
    private final Duration hold;
    private final ObjectMapper json;
    private final SessionRegistry sessions;
    private final Function<String, Optional<AgentProfile>> profiles;
    private final SessionActivities activities;
    private final BooleanSupplier hubConnected;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    private record Held(HttpServerResponse response, long timer) {
    }

    @Inject
    public HeldApprovals(Vertx vertx, DaemonConfig config, ObjectMapper json, SessionRegistry sessions, ProfileRegistry profiles,
            SessionActivities activities, HubLink hub) {
        this(vertx, config.approvals().hold(), json, sessions, profiles::find, activities, hub::connected);
    }

    /** Holds approval hooks up to {@code hold} while {@code hubConnected}, for sessions whose profiles {@code profiles} finds. */
    public HeldApprovals(Vertx vertx, Duration hold, ObjectMapper json, SessionRegistry sessions,
            Function<String, Optional<AgentProfile>> profiles, SessionActivities activities, BooleanSupplier hubConnected) {
        this.vertx = vertx;
        this.hold = hold;
        this.json = json;
        this.sessions = sessions;
        this.profiles = profiles;
        this.activities = activities;
        this.hubConnected = hubConnected;
    }

    /**
     * Holds {@code response} to hook {@code event} ({@code call}) for the session's decision when it is
     * the profile's approval hook and means the agent waits for an approval, {@code answer} decides
     * nothing (the turn is not refused) and a hub is connected to decide; false when not held (the
     * caller answers).
     */
    public boolean hold(UUID sessionId, String event, JsonNode call, String answer, HttpServerResponse response) {
        if (hold.isZero() || hold.isNegative() || !TurnRefusals.NO_DECISION.equals(answer) || !hubConnected.getAsBoolean()
                || !isApprovalHook(sessionId, event) || !activities.asksApproval(sessionId, event, call)) {
            return false;
        }
        long timer = vertx.setTimer(hold.toMillis(), fired -> release(sessionId, response));
        Held previous = held.put(sessionId, new Held(response, timer));
        if (previous != null) {
            vertx.cancelTimer(previous.timer());
            end(previous.response(), TurnRefusals.NO_DECISION);
        }
        response.closeHandler(closed -> release(sessionId, response));
        return true;
    }

    private boolean isApprovalHook(UUID sessionId, String event) {
        return sessions.profile(sessionId).flatMap(profiles)
                .map(profile -> profile.status().approval())
                .filter(approval -> event.equals(approval.hook()))
                .isPresent();
    }

    /** Answers the session's held hook with the decision; false when none waits. */
    public boolean answer(UUID sessionId, boolean allow, String reason) {
        Held waiting = held.remove(sessionId);
        if (waiting == null) {
            return false;
        }
        vertx.cancelTimer(waiting.timer());
        return end(waiting.response(), decision(allow, reason));
    }

    /** Claude Code's answer to {@code PermissionRequest}: allow, or deny with the reason as its message. */
    String decision(boolean allow, String reason) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode decision = answer.putObject("hookSpecificOutput")
                .put("hookEventName", "PermissionRequest")
                .putObject("decision")
                .put("behavior", allow ? "allow" : "deny");
        if (!allow) {
            decision.put("message", reason == null || reason.isBlank() ? "Denied in Drover" : reason);
        }
        return answer.toString();
    }

    private void release(UUID sessionId, HttpServerResponse response) {
        Held waiting = held.get(sessionId);
        if (waiting != null && waiting.response() == response && held.remove(sessionId, waiting)) {
            vertx.cancelTimer(waiting.timer());
            end(response, TurnRefusals.NO_DECISION);
        }
    }

    private static boolean end(HttpServerResponse response, String body) {
        if (response.ended() || response.closed()) {
            return false;
        }
        response.putHeader("Content-Type", "application/json").end(body);
        return true;
    }
}
