package dev.drover.daemon.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.ActivityState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the hook calls recorded from the real Claude Code (fixtures/hooks/claude-hooks.jsonl: several
 * sessions, prompts, a permission prompt approved, one refused in print mode) through the shipped
 * profile's hook rules and the detector, at their recorded times, and checks the state after each call.
 */
class HookReplayTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void claudesHooksDecideItsStateCallByCall() throws Exception {
        ActivityRules rules = new ActivityRules(new ProfileLoader().loadShipped().find("claude").orElseThrow().status());
        List<String> lines = Recording.lines("claude-hooks.jsonl");
        Instant start = Recording.instant(json.readTree(lines.getFirst()).path("t").asText()).minusSeconds(1);
        ActivityDetector detector = new ActivityDetector(rules, start);
        List<String> seen = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : lines) {
            JsonNode recorded = json.readTree(line);
            String event = recorded.path("hook").asText();
            JsonNode call = recorded.path("stdin");
            Instant at = Recording.instant(recorded.path("t").asText());
            rules.hook(event, call).ifPresent(observation -> detector.observe(at, observation));
            ActivityDetector.Transition now = detector.current();
            seen.add(event + " " + call.path("notification_type").asText("") + " -> " + now.state().wire() + " "
                    + now.detail());
            expected.add(event + " " + call.path("notification_type").asText("") + " -> " + expected(event, call, now));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(seen).contains("PermissionRequest  -> needs-approval touch mock_tool_was_here.txt && ls",
                "Notification permission_prompt -> needs-approval touch mock_tool_was_here.txt && ls",
                "PostToolUse  -> working null", "Stop  -> idle null");
    }

    @Test
    void aHookCallsStateIsNotUndoneByTheScreenItOutran() throws Exception {
        ActivityRules rules = new ActivityRules(new ProfileLoader().loadShipped().find("claude").orElseThrow().status());
        Instant start = Instant.parse("2026-11-21T05:27:48Z");
        ActivityDetector detector = new ActivityDetector(rules, start);
        detector.observe(start.plusSeconds(1), rules.hook("Stop", json.readTree("{\"hook_event_name\":\"Stop\"}")).orElseThrow());
        detector.observe(start.plusMillis(1300), rules.screen("✻ Pondering… (3s)\n  · esc to interrupt"));
        assertThat(detector.current().state()).isEqualTo(ActivityState.IDLE);
        assertThat(detector.current().cause()).isEqualTo("hook Stop");
        detector.observe(start.plus(Duration.ofMillis(3100)), rules.screen("✻ Pondering… (5s)\n  · esc to interrupt"));
        assertThat(detector.current().state()).isEqualTo(ActivityState.WORKING);
    }

    /** What each recorded call means by the profile: the tool call waits for approval, the turn's end is idle. */
    private static String expected(String event, JsonNode call, ActivityDetector.Transition now) {
        String command = "touch mock_tool_was_here.txt && ls";
        return switch (event) {
            case "SessionStart", "Stop" -> "idle null";
            case "UserPromptSubmit", "PreToolUse", "PostToolUse" -> "working null";
            case "PermissionRequest" -> "needs-approval " + command;
            case "Notification" -> "permission_prompt".equals(call.path("notification_type").asText())
                    ? "needs-approval " + command : "idle null";
            case "SessionEnd" -> "idle null";
            default -> throw new AssertionError("unexpected hook " + event + " now " + now);
        };
    }
}
