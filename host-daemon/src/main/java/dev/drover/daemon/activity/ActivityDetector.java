package dev.drover.daemon.activity;

import dev.drover.protocol.daemon.ActivityState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One session's activity state machine (ADR 0018): signals in, state with its start and cause out.
 * Pure logic with no clock and no thread of its own, so a test replays recorded signals at their
 * recorded times. Not thread-safe: one caller at a time ({@link SessionActivities} runs every call of
 * every session on one thread). Each call answers the session's new {@link Transition} when the
 * state (or the detail of a state that needs someone) changed.
 *
 * <p>The rules:
 * <ul>
 * <li>A signal's state wins unless the state now was set by a higher-ranked source
 * ({@link Observation.Source}: hook, OSC, title, screen and bell, quiet) less than {@link #HOLD}
 * ago: a terminal model that lags behind a hook cannot undo it with a stale screen.</li>
 * <li>A bell means its state only while the agent works (a bell at the end of a turn is not a question);
 * it is an event of its own moment, never a stale view, so the hold does not apply to it.</li>
 * <li>While the agent needs someone, a screen that showed the prompt and no longer does means it was
 * answered: working again, whatever set the state.</li>
 * <li>Quiet: a working agent whose output stopped for the profile's quiet time is idle, unless its
 * title or its OSC marks still say it works; so is a starting one, unless its profile has a rule
 * that says when it is idle (the agent then says itself when it is ready). Animated spinners keep a working agent's
 * output going, so a streaming agent never turns idle by this rule.</li>
 * <li>The process's end is final.</li>
 * </ul>
 */
final class ActivityDetector {

    /** How long a state set by a higher-ranked source cannot be contradicted by a lower-ranked one. */
    static final Duration HOLD = Duration.ofSeconds(2);

    /** A state the session entered at {@code since}, because of {@code cause}. */
    record Transition(ActivityState state, Instant since, String cause, String detail) {
    }

    private final Duration quiet;
    private final boolean quietEndsStart;
    private ActivityState state = ActivityState.STARTING;
    private Instant since;
    private String cause = "spawned";
    private String detail;
    private Observation.Source source = Observation.Source.START;
    private ActivityState titleSays;
    private ActivityState oscSays;
    private boolean promptOnScreen;
    private long outputEnd = -1;
    private Instant lastOutput;

    /** A detector of a profile whose quiet time is {@code quiet}, and whose {@code rules} tell whether quiet ends the start. */
    ActivityDetector(ActivityRules rules, Instant start) {
        this.quiet = rules.quiet();
        this.quietEndsStart = !rules.saysIdle();
        this.since = start;
        this.lastOutput = start;
    }

    /** The state now. */
    Transition current() {
        return new Transition(state, since, cause, detail);
    }

    /** What a signal says, at {@code now}. */
    Optional<Transition> observe(Instant now, Observation observation) {
        if (state == ActivityState.EXITED) {
            return Optional.empty();
        }
        switch (observation.source()) {
            case TITLE -> titleSays = observation.state();
            case OSC -> oscSays = observation.state();
            case SCREEN -> {
                if (state.needsYou()) {
                    if (observation.state() == state) {
                        promptOnScreen = true;
                    } else if (promptOnScreen) {
                        return Optional.of(move(now, Observation.Source.SCREEN, ActivityState.WORKING,
                                "screen: the prompt was answered", null));
                    }
                }
            }
            case BELL -> {
                if (state != ActivityState.WORKING) {
                    return Optional.empty();
                }
            }
            default -> {
            }
        }
        if (observation.state() == null) {
            return Optional.empty();
        }
        if (observation.state() == state) {
            if (observation.source().outranks(source)) {
                source = observation.source();
            }
            if (detail == null && observation.detail() != null) {
                detail = observation.detail();
                return Optional.of(current());
            }
            return Optional.empty();
        }
        if (source.outranks(observation.source()) && observation.source() != Observation.Source.BELL
                && Duration.between(since, now).compareTo(HOLD) < 0) {
            return Optional.empty();
        }
        Transition moved = move(now, observation.source(), observation.state(), observation.cause(), observation.detail());
        promptOnScreen = observation.source() == Observation.Source.SCREEN && state.needsYou();
        return Optional.of(moved);
    }

    /**
     * The clock moved to {@code now} and the session's output ends at {@code outputEnd}: applies the
     * quiet rule.
     */
    Optional<Transition> tick(Instant now, long outputEnd) {
        if (outputEnd != this.outputEnd) {
            this.outputEnd = outputEnd;
            lastOutput = now;
            return Optional.empty();
        }
        if (state != ActivityState.WORKING && !(state == ActivityState.STARTING && quietEndsStart)) {
            return Optional.empty();
        }
        if (titleSays == ActivityState.WORKING || oscSays == ActivityState.WORKING) {
            return Optional.empty();
        }
        Instant quietSince = lastOutput.isAfter(since) ? lastOutput : since;
        if (Duration.between(quietSince, now).compareTo(quiet) < 0) {
            return Optional.empty();
        }
        return Optional.of(move(now, Observation.Source.QUIET, ActivityState.IDLE,
                "output quiet for " + quiet.toMillis() + " ms", null));
    }

    /** The process ended at {@code now} with {@code exitCode} (null when unknown). */
    Optional<Transition> exited(Instant now, Integer exitCode) {
        if (state == ActivityState.EXITED) {
            return Optional.empty();
        }
        return Optional.of(move(now, Observation.Source.PROCESS, ActivityState.EXITED,
                exitCode == null ? "process ended" : "process exited with " + exitCode, null));
    }

    private Transition move(Instant now, Observation.Source by, ActivityState to, String why, String what) {
        state = to;
        since = now;
        cause = why;
        detail = to.needsYou() || to == ActivityState.ERRORED ? what : null;
        source = by;
        promptOnScreen = false;
        return current();
    }
}
