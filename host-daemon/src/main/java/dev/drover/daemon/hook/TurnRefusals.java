package dev.drover.daemon.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sessions the hub stopped (for example when their budget was spent) and why, so that their
 * agents' blocking hooks refuse the next turn while the stop sequence runs (docs/adr/0017). An agent
 * asks before each prompt and each tool call; the answer here is the hook response that refuses it:
 * Claude's {@code UserPromptSubmit} gets {@code decision: block}, its {@code PreToolUse} a
 * {@code deny} and {@code continue: false}. Every other hook, and every hook of a session not
 * stopped, gets {@code {}} (no decision). At most {@value #REMEMBERED} sessions are remembered,
 * the oldest forgotten first.
 */
@ApplicationScoped
public class TurnRefusals {

    private static final int REMEMBERED = 4096;
    /** The hook answer that decides nothing. */
    public static final String NO_DECISION = "{}";

    private final ObjectMapper json;
    private final Map<UUID, String> stopped = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public TurnRefusals(ObjectMapper json) {
        this.json = json;
    }

    /** From now on, the session's agent is refused its next turns, with {@code reason}. */
    public synchronized void refuse(UUID sessionId, String reason) {
        stopped.put(sessionId, reason == null || reason.isBlank() ? "the session is stopping" : reason);
    }

    /** Why the session's turns are refused, if they are. */
    public synchronized Optional<String> reason(UUID sessionId) {
        return Optional.ofNullable(stopped.get(sessionId));
    }

    /** The hook response body for {@code event} of the session: a refusal, or no decision. */
    public String answer(UUID sessionId, String event) {
        Optional<String> reason = reason(sessionId);
        if (reason.isEmpty()) {
            return NO_DECISION;
        }
        String why = "Drover stopped this session: " + reason.get();
        ObjectNode answer = json.createObjectNode();
        switch (event) {
            case "UserPromptSubmit" -> answer.put("decision", "block").put("reason", why);
            case "PreToolUse" -> {
                answer.put("continue", false).put("stopReason", why);
                answer.putObject("hookSpecificOutput")
                        .put("hookEventName", "PreToolUse")
                        .put("permissionDecision", "deny")
                        .put("permissionDecisionReason", why);
            }
            default -> {
                return NO_DECISION;
            }
        }
        return answer.toString();
    }
}
