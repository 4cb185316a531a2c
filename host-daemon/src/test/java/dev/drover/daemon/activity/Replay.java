package dev.drover.daemon.activity;

import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.ActivityState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plays a {@link Recording} through a shipped profile's rules and an {@link ActivityDetector} in
 * recorded time, as the daemon would see it: each chunk's bytes pass the {@link ActivityTap}, the
 * terminal model takes them and the tap reads the screen; the quiet rule ticks every
 * {@link SessionActivities#TICK}; the process ends just after the last chunk. Keeps every transition
 * and every screen, so a test can ask what the state was at any instant.
 */
final class Replay {

    /** The screen's text from {@code at} on. */
    record Screen(Instant at, String text) {
    }

    /** How long after its last output the recorded process ended. */
    private static final Duration EXIT_AFTER = Duration.ofMillis(100);

    final List<ActivityDetector.Transition> transitions = new ArrayList<>();
    final List<Screen> screens = new ArrayList<>();
    private final Recording recording;

    private Replay(Recording recording) {
        this.recording = recording;
    }

    /** Replays {@code recording} with the shipped profile {@code profile}. */
    static Replay of(String profile, Recording recording) throws InterruptedException {
        AgentProfile agent = new ProfileLoader().loadShipped().find(profile).orElseThrow();
        Replay replay = new Replay(recording);
        replay.run(new ActivityRules(agent.status()));
        return replay;
    }

    private void run(ActivityRules rules) throws InterruptedException {
        Instant start = recording.chunks().getFirst().at().minus(Duration.ofMillis(1));
        if (!recording.marks().isEmpty() && recording.marks().getFirst().at().isBefore(start)) {
            start = recording.marks().getFirst().at();
        }
        ActivityDetector detector = new ActivityDetector(rules, start);
        transitions.add(detector.current());
        Instant[] now = {start};
        ActivityTap tap = new ActivityTap(rules, observation -> detector.observe(now[0], observation).ifPresent(transitions::add));
        Instant tick = start.plus(SessionActivities.TICK);
        long output = 0;
        try (ReplayScreen screen = new ReplayScreen(120, 40)) {
            for (Recording.Chunk chunk : recording.chunks()) {
                while (tick.isBefore(chunk.at())) {
                    detector.tick(tick, output).ifPresent(transitions::add);
                    tick = tick.plus(SessionActivities.TICK);
                }
                now[0] = chunk.at();
                output += chunk.bytes().length;
                tap.bytes(chunk.bytes(), 0, chunk.bytes().length);
                screen.feed(chunk.bytes());
                tap.caughtUp(screen::text);
                screens.add(new Screen(chunk.at(), screen.text()));
            }
        }
        Instant exit = now[0].plus(EXIT_AFTER);
        while (tick.isBefore(exit)) {
            detector.tick(tick, output).ifPresent(transitions::add);
            tick = tick.plus(SessionActivities.TICK);
        }
        detector.exited(exit, 0).ifPresent(transitions::add);
    }

    /** The state at {@code at}. */
    ActivityState stateAt(Instant at) {
        return transitionAt(at).state();
    }

    /** The transition in force at {@code at}. */
    ActivityDetector.Transition transitionAt(Instant at) {
        ActivityDetector.Transition found = transitions.getFirst();
        for (ActivityDetector.Transition transition : transitions) {
            if (transition.since().isAfter(at)) {
                break;
            }
            found = transition;
        }
        return found;
    }

    /** The first transition to {@code state} after {@code after}. */
    ActivityDetector.Transition next(ActivityState state, Instant after) {
        return transitions.stream()
                .filter(transition -> transition.state() == state && transition.since().isAfter(after))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + state.wire() + " after " + after + " in " + transitions));
    }

    /** When the screen first showed {@code pattern} after {@code after}. */
    Instant shown(Pattern pattern, Instant after) {
        return screens.stream()
                .filter(screen -> screen.at().isAfter(after) && pattern.matcher(screen.text()).find())
                .map(Screen::at)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the screen never showed " + pattern + " after " + after));
    }

    /**
     * When the screen first showed {@code text} more often than it did at {@code after} (a new answer
     * while an earlier one with the same words is still on the screen).
     */
    Instant shownAgain(String text, Instant after) {
        long before = count(screenAt(after), text);
        return screens.stream()
                .filter(screen -> screen.at().isAfter(after) && count(screen.text(), text) > before)
                .map(Screen::at)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the screen never showed " + text + " again after " + after));
    }

    private String screenAt(Instant at) {
        String text = "";
        for (Screen screen : screens) {
            if (screen.at().isAfter(at)) {
                break;
            }
            text = screen.text();
        }
        return text;
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    /** The states between {@code from} and {@code to}, both included. */
    List<ActivityState> statesBetween(Instant from, Instant to) {
        List<ActivityState> states = new ArrayList<>();
        states.add(stateAt(from));
        transitions.stream()
                .filter(transition -> transition.since().isAfter(from) && !transition.since().isAfter(to))
                .forEach(transition -> states.add(transition.state()));
        return states;
    }
}
