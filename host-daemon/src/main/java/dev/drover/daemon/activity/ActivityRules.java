package dev.drover.daemon.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.AgentState;
import dev.drover.protocol.daemon.ActivityState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A profile's {@code status} section, compiled once: turns a hook call, an OSC payload, a title, a
 * bell or the screen's text into an {@link Observation}. Stateless and thread-safe; the screen's
 * patterns run on the terminal model's thread, only when the model has caught up with new output.
 */
final class ActivityRules {

    /** The longest cause or detail text kept. */
    static final int MAX_TEXT = 300;

    private record Compiled(Pattern pattern, ActivityState state) {
    }

    private final List<AgentProfile.HookRule> hooks;
    private final List<Compiled> osc;
    private final List<Compiled> title;
    private final List<Compiled> screen;
    private final ActivityState bell;
    private final Duration quiet;

    ActivityRules(AgentProfile.Status status) {
        this.hooks = status.hooks();
        this.osc = compile(status.osc());
        this.title = compile(status.title());
        this.screen = compile(status.screen());
        this.bell = status.bell() == null ? null : state(status.bell());
        this.quiet = status.quietDuration();
    }

    /** Rules of a session whose profile is unknown here: only the process and the quiet rule speak. */
    static ActivityRules none() {
        return new ActivityRules(new AgentProfile.Status(null, null, null, null, null, null, null));
    }

    Duration quiet() {
        return quiet;
    }

    /**
     * Whether a hook, OSC mark, title or screen rule can say the agent is idle: then the agent itself
     * says when it is ready, and a quiet output does not end its start (a CLI that loads for seconds
     * before it draws anything is not idle).
     */
    boolean saysIdle() {
        return hooks.stream().anyMatch(rule -> rule.state() == AgentState.IDLE)
                || Stream.of(osc, title, screen).flatMap(List::stream)
                        .anyMatch(rule -> rule.state() == ActivityState.IDLE);
    }

    boolean readsScreen() {
        return !screen.isEmpty();
    }

    /** What a hook call means: the first rule whose event, tool and notification type match. */
    Optional<Observation> hook(String event, JsonNode call) {
        String tool = call.path("tool_name").asText("");
        String notification = call.path("notification_type").asText("");
        for (AgentProfile.HookRule rule : hooks) {
            if (rule.event().equals(event) && (rule.tool() == null || rule.tool().equals(tool))
                    && (rule.notification() == null || rule.notification().equals(notification))) {
                String detail = rule.detail() == null ? null : text(call.at(rule.detail()).asText(""));
                return Optional.of(new Observation(Observation.Source.HOOK, state(rule.state()),
                        clip("hook " + event + (tool.isEmpty() ? "" : " " + tool)), detail));
            }
        }
        return Optional.empty();
    }

    /** What an OSC payload (other than a title or a notification) means, if a pattern knows it. */
    Optional<Observation> osc(String payload) {
        return first(osc, payload).map(state -> new Observation(Observation.Source.OSC, state, clip("OSC " + payload), null));
    }

    /** What the terminal title says; an observation with no state when no pattern matches it. */
    Observation title(String text) {
        return new Observation(Observation.Source.TITLE, first(title, text).orElse(null),
                clip("title \"" + text.strip() + "\""), null);
    }

    /** What a BEL or a notification ({@code text} its message, or null) means. */
    Optional<Observation> bell(String kind, String text) {
        if (bell == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(Observation.Source.BELL, bell, kind, text(text)));
    }

    /** What the visible screen shows; an observation with no state when no pattern matches it. */
    Observation screen(String text) {
        for (Compiled rule : screen) {
            Matcher matcher = rule.pattern().matcher(text);
            if (matcher.find()) {
                return new Observation(Observation.Source.SCREEN, rule.state(),
                        clip("screen \"" + matcher.group().strip() + "\""), null);
            }
        }
        return new Observation(Observation.Source.SCREEN, null, "screen", null);
    }

    private static Optional<ActivityState> first(List<Compiled> rules, String text) {
        for (Compiled rule : rules) {
            if (rule.pattern().matcher(text).find()) {
                return Optional.of(rule.state());
            }
        }
        return Optional.empty();
    }

    private static List<Compiled> compile(List<AgentProfile.StatusPattern> patterns) {
        return patterns.stream()
                .map(pattern -> new Compiled(Pattern.compile(pattern.pattern()), state(pattern.state())))
                .toList();
    }

    static ActivityState state(AgentState state) {
        return switch (state) {
            case WORKING -> ActivityState.WORKING;
            case IDLE -> ActivityState.IDLE;
            case NEEDS_APPROVAL -> ActivityState.NEEDS_APPROVAL;
            case NEEDS_ANSWER -> ActivityState.NEEDS_ANSWER;
            case ERRORED -> ActivityState.ERRORED;
        };
    }

    /** A display-safe text: control characters become spaces, at most {@link #MAX_TEXT} characters; null when blank. */
    static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return clip(value.replaceAll("\\p{Cntrl}", " ").strip());
    }

    private static String clip(String value) {
        String safe = value.replaceAll("\\p{Cntrl}", " ");
        return safe.length() <= MAX_TEXT ? safe : safe.substring(0, MAX_TEXT - 1) + "…";
    }
}
