package dev.drover.daemon.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.ActivityState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The detector's rules, one by one, with the shipped profiles' rules and signals at chosen instants. */
class ActivityDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    private static ActivityRules rules(String profile) {
        return new ActivityRules(new ProfileLoader().loadShipped().find(profile).orElseThrow().status());
    }

    private Observation hook(ActivityRules rules, String payload) throws Exception {
        var call = json.readTree(payload);
        return rules.hook(call.path("hook_event_name").asText(), call).orElseThrow();
    }

    @Test
    void claudesQuestionPromptNeedsAnAnswerWithItsQuestionAndIsNotWork() throws Exception {
        ActivityRules claude = rules("claude");
        ActivityDetector detector = new ActivityDetector(claude, T0);
        detector.observe(T0.plusSeconds(1), hook(claude, "{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"pick a db\"}"));
        var asked = detector.observe(T0.plusSeconds(2), hook(claude, """
                {"hook_event_name":"PreToolUse","tool_name":"AskUserQuestion",
                 "tool_input":{"questions":[{"question":"Which database?","options":[{"label":"PostgreSQL"}]}]}}"""));
        assertThat(asked).contains(new ActivityDetector.Transition(ActivityState.NEEDS_ANSWER, T0.plusSeconds(2),
                "hook PreToolUse AskUserQuestion", "Which database?"));
        var answered = detector.observe(T0.plusSeconds(9), hook(claude,
                "{\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"AskUserQuestion\"}"));
        assertThat(answered).contains(new ActivityDetector.Transition(ActivityState.WORKING, T0.plusSeconds(9),
                "hook PostToolUse AskUserQuestion", null));
    }

    @Test
    void aWorkingAgentWhoseOutputStopsForTheQuietTimeIsIdle() {
        ActivityRules claude = rules("claude");
        ActivityDetector detector = new ActivityDetector(claude, T0);
        detector.observe(T0, claude.screen("✻ Pondering…\n · esc to interrupt"));
        assertThat(detector.tick(T0.plusSeconds(1), 100)).isEmpty();
        assertThat(detector.tick(T0.plusMillis(3900), 100)).isEmpty();
        assertThat(detector.current().state()).isEqualTo(ActivityState.WORKING);
        assertThat(detector.tick(T0.plusMillis(4000), 100)).contains(new ActivityDetector.Transition(ActivityState.IDLE,
                T0.plusMillis(4000), "output quiet for 3000 ms", null));
    }

    @Test
    void aTitleThatStillSaysWorkingKeepsAQuietAgentWorkingUntilItSaysReady() {
        ActivityRules gemini = rules("gemini");
        ActivityDetector detector = new ActivityDetector(gemini, T0);
        detector.observe(T0, gemini.title("✦  Working… (proj)   "));
        for (int second = 1; second <= 30; second++) {
            assertThat(detector.tick(T0.plusSeconds(second), 10)).isEmpty();
        }
        assertThat(detector.observe(T0.plusSeconds(31), gemini.title("◇  Ready (proj)")).orElseThrow().state())
                .isEqualTo(ActivityState.IDLE);
    }

    @Test
    void aBellNeedsAnAnswerWhileTheAgentWorksButNotAtTheEndOfItsTurn() {
        ActivityRules codex = rules("codex");
        ActivityDetector detector = new ActivityDetector(codex, T0);
        detector.observe(T0, codex.osc("7501;state=idle:app=codex").orElseThrow());
        assertThat(detector.observe(T0.plusSeconds(1), codex.bell("BEL", null).orElseThrow())).isEmpty();
        detector.observe(T0.plusSeconds(2), codex.osc("7501;state=working:app=codex").orElseThrow());
        assertThat(detector.observe(T0.plusSeconds(3), codex.bell("OSC 9", "Pick a branch").orElseThrow()))
                .contains(new ActivityDetector.Transition(ActivityState.NEEDS_ANSWER, T0.plusSeconds(3), "OSC 9", "Pick a branch"));
        assertThat(detector.observe(T0.plusSeconds(4), codex.bell("BEL", null).orElseThrow())).isEmpty();
    }

    @Test
    void aPermissionPromptThatLeavesTheScreenWasAnsweredEvenWithoutAHook() throws Exception {
        ActivityRules claude = rules("claude");
        ActivityDetector detector = new ActivityDetector(claude, T0);
        detector.observe(T0, hook(claude, """
                {"hook_event_name":"PermissionRequest","tool_name":"Bash","tool_input":{"command":"rm -rf build"}}"""));
        assertThat(detector.observe(T0.plusMillis(200), claude.screen("● Running…\n · esc to interrupt"))).isEmpty();
        assertThat(detector.observe(T0.plusMillis(400), claude.screen(" rm -rf build\n Do you want to proceed?\n ❯ 1. Yes"))).isEmpty();
        assertThat(detector.current().detail()).isEqualTo("rm -rf build");
        assertThat(detector.observe(T0.plusMillis(900), claude.screen("⎿ Interrupted · What should Claude do instead?\n❯ ")))
                .contains(new ActivityDetector.Transition(ActivityState.WORKING, T0.plusMillis(900),
                        "screen: the prompt was answered", null));
        assertThat(detector.tick(T0.plusMillis(1000), 500)).isEmpty();
        assertThat(detector.tick(T0.plusMillis(4000), 500).orElseThrow().state()).isEqualTo(ActivityState.IDLE);
    }

    @Test
    void aLowerRankedSignalWaitsOutTheHoldOfAHigherOne() {
        ActivityRules codex = rules("codex");
        ActivityDetector detector = new ActivityDetector(codex, T0);
        detector.observe(T0, codex.osc("7501;state=done:app=codex").orElseThrow());
        assertThat(detector.observe(T0.plusMillis(500), codex.title("⠋ proj"))).isEmpty();
        assertThat(detector.observe(T0.plusMillis(2500), codex.title("⠙ proj")).orElseThrow().state())
                .isEqualTo(ActivityState.WORKING);
    }

    @Test
    void theProcessEndIsFinal() throws Exception {
        ActivityRules claude = rules("claude");
        ActivityDetector detector = new ActivityDetector(claude, T0);
        assertThat(detector.exited(T0.plusSeconds(5), 3)).contains(new ActivityDetector.Transition(ActivityState.EXITED,
                T0.plusSeconds(5), "process exited with 3", null));
        assertThat(detector.observe(T0.plusSeconds(6), hook(claude, "{\"hook_event_name\":\"Stop\"}"))).isEmpty();
        assertThat(detector.tick(T0.plusSeconds(20), 0)).isEmpty();
        assertThat(detector.exited(T0.plusSeconds(21), null)).isEmpty();
    }

    @Test
    void anAgentThatSaysWhenItIsReadyIsStartingUntilItSaysSoHoweverLongItLoadsQuietly() {
        ActivityRules gemini = rules("gemini");
        ActivityDetector detector = new ActivityDetector(gemini, T0);
        for (int second = 1; second <= 20; second++) {
            assertThat(detector.tick(T0.plusSeconds(second), 0)).isEmpty();
        }
        assertThat(detector.observe(T0.plusSeconds(21), gemini.title("◇  Ready (proj)")).orElseThrow().state())
                .isEqualTo(ActivityState.IDLE);
    }

    @Test
    void aSessionWhoseProfileSaysNothingIsIdleOnceItsOutputSettles() {
        ActivityRules none = ActivityRules.none();
        ActivityDetector detector = new ActivityDetector(none, T0);
        assertThat(detector.tick(T0.plusSeconds(1), 40)).isEmpty();
        assertThat(detector.tick(T0.plusSeconds(3), 40)).isEmpty();
        assertThat(detector.tick(T0.plusSeconds(4), 40).orElseThrow().state()).isEqualTo(ActivityState.IDLE);
    }
}
