package dev.drover.daemon.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.protocol.daemon.ActivityState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays the PTY streams recorded from the real CLIs (fixtures/pty, with their timing and the
 * operator's marks) through the shipped profiles and the detector, in recorded time. Checks the
 * state at every mark (what the operator saw when acting), that an agent streaming its slow answer
 * works and never needs anyone, and that needs-approval, working and idle each follow what the agent
 * shows within the 1 s target. Claude's recording has no hooks: it checks the screen rules alone
 * (its hooks are replayed by {@link HookReplayTest}).
 */
class ActivityReplayTest {

    private static final Duration TARGET = Duration.ofSeconds(1);
    private static final String ANSWER = "Done: I listed the directory for you.";
    /** Claude's recording began within second 05:27:48 of its header; its echo timing puts it half a second in. */
    private static final Instant CLAUDE_START = Recording.instant("1795238868.5");

    @Test
    void claudeFromItsScreenAlone() throws Exception {
        Recording recording = Recording.load("claude", CLAUDE_START);
        Replay replay = Replay.of("claude", recording);

        assertStatesAtMarks(replay, recording, List.of("idle0 idle", "enter1 idle", "slow idle", "idle1 idle", "tool idle",
                "approve needs-approval", "exit idle", "done exited"));
        assertWorksWhileStreaming(replay, recording.mark("slow", Instant.EPOCH), recording.mark("idle1", Instant.EPOCH));
        assertApprovalCycle("claude", replay, recording, "tool", Pattern.compile("Do you want to proceed"));
    }

    @Test
    void codexFromItsOscMarksAndTitle() throws Exception {
        Recording recording = Recording.load("codex", null);
        Replay replay = Replay.of("codex", recording);

        assertStatesAtMarks(replay, recording, List.of("launch starting", "idle0 idle", "enter1 idle", "slow idle", "idle1 idle",
                "tool idle", "approve needs-approval", "slow2 idle", "exit idle", "done exited"));
        assertWorksWhileStreaming(replay, recording.mark("slow", Instant.EPOCH), recording.mark("idle1", Instant.EPOCH));
        assertWorksWhileStreaming(replay, recording.mark("slow2", Instant.EPOCH), recording.mark("exit", Instant.EPOCH));
        assertApprovalCycle("codex", replay, recording, "tool", Pattern.compile("Would you like to run the following command"));
        assertThat(replay.next(ActivityState.NEEDS_APPROVAL, recording.mark("tool", Instant.EPOCH)).cause())
                .isEqualTo("OSC 7501;state=blocked:app=codex:kind=permission");
    }

    @Test
    void geminiFromItsTitle() throws Exception {
        Recording recording = Recording.load("gemini", null);
        Replay replay = Replay.of("gemini", recording);

        // The first "tool" prompt ran without asking (the operator's first "approve" found nothing to
        // approve); the second one asked.
        assertStatesAtMarks(replay, recording, List.of("launch starting", "idle0 idle", "enter1 idle", "slow idle", "idle1 idle",
                "tool idle", "approve idle", "tool2 idle", "approve needs-approval", "exit idle", "done exited"));
        assertWorksWhileStreaming(replay, recording.mark("slow", Instant.EPOCH), recording.mark("idle1", Instant.EPOCH));
        assertApprovalCycle("gemini", replay, recording, "tool2", Pattern.compile("Allow execution of"));
        assertThat(replay.next(ActivityState.NEEDS_APPROVAL, Instant.EPOCH).cause())
                .isEqualTo("title \"✋  Action Required (gproj)\"");
    }

    /** Each {@code "<mark> <state>"}: the state just before the operator acted, mark by mark, in order. */
    private static void assertStatesAtMarks(Replay replay, Recording recording, List<String> expected) {
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < recording.marks().size(); i++) {
            Recording.Mark mark = recording.marks().get(i);
            String[] want = expected.get(i).split(" ");
            assertThat(mark.name()).isEqualTo(want[0]);
            seen.put(i + " " + mark.name(), replay.stateAt(mark.at().minusMillis(1)).wire());
            wanted.put(i + " " + want[0], want[1]);
        }
        assertThat(seen).as("transitions %s", replay.transitions).isEqualTo(wanted);
    }

    /** Between a slow prompt and the mark after its answer: working a second in and after, never needing anyone. */
    private static void assertWorksWhileStreaming(Replay replay, Instant prompt, Instant after) {
        assertThat(replay.stateAt(prompt.plusSeconds(2))).isEqualTo(ActivityState.WORKING);
        assertThat(replay.stateAt(prompt.plusSeconds(8))).isEqualTo(ActivityState.WORKING);
        assertThat(replay.stateAt(prompt.plusSeconds(14))).isEqualTo(ActivityState.WORKING);
        assertThat(replay.statesBetween(prompt, after))
                .doesNotContain(ActivityState.NEEDS_APPROVAL, ActivityState.NEEDS_ANSWER, ActivityState.ERRORED)
                .containsSubsequence(ActivityState.WORKING, ActivityState.IDLE);
    }

    /**
     * After the tool prompt: needs-approval at most 1 s after the permission prompt is on the screen,
     * working at most 1 s after the approval, idle at most 1 s after the final answer is on the screen,
     * and nothing else in between.
     */
    private static void assertApprovalCycle(String cli, Replay replay, Recording recording, String toolMark, Pattern prompt) {
        Instant tool = recording.mark(toolMark, Instant.EPOCH);
        Instant approve = recording.mark("approve", tool);
        Instant shown = replay.shown(prompt, tool);
        ActivityDetector.Transition needs = replay.next(ActivityState.NEEDS_APPROVAL, tool);
        ActivityDetector.Transition working = replay.next(ActivityState.WORKING, approve);
        Instant answered = replay.shownAgain(ANSWER, approve);
        ActivityDetector.Transition idle = replay.next(ActivityState.IDLE, approve);

        Duration toApproval = Duration.between(shown, needs.since());
        Duration toWorking = Duration.between(approve, working.since());
        Duration toIdle = Duration.between(answered, idle.since());
        System.out.printf("%s replay: needs-approval %d ms after the prompt showed, working %d ms after the approval, "
                + "idle %d ms after the answer showed%n", cli, toApproval.toMillis(), toWorking.toMillis(), toIdle.toMillis());
        assertThat(toApproval).isLessThanOrEqualTo(TARGET);
        assertThat(needs.since()).isAfter(tool);
        assertThat(toWorking).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(TARGET);
        assertThat(toIdle).isLessThanOrEqualTo(TARGET);
        assertThat(replay.statesBetween(needs.since(), idle.since()))
                .containsExactly(ActivityState.NEEDS_APPROVAL, ActivityState.WORKING, ActivityState.IDLE);
    }
}
