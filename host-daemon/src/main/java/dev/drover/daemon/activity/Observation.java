package dev.drover.daemon.activity;

import dev.drover.protocol.daemon.ActivityState;

/**
 * What one signal says about a session's agent: the state it means ({@code null} when the signal
 * says nothing the profile recognises, e.g. a title no pattern matches), what the signal was
 * ({@code cause}, shown to people) and, for a state that needs someone, what is asked ({@code detail}).
 */
record Observation(Source source, ActivityState state, String cause, String detail) {

    /** Where a signal comes from, ranked: a signal may not contradict a fresher one of a higher rank. */
    enum Source {
        /** The session was just spawned. */
        START(0),
        /** The output stopped for the profile's quiet time. */
        QUIET(0),
        /** BEL, OSC 9 or OSC 777 notify. */
        BELL(1),
        /** The visible screen, when the terminal model caught up with the output. */
        SCREEN(1),
        /** The terminal title (OSC 0 / OSC 2). */
        TITLE(2),
        /** Another OSC sequence, e.g. Codex's OSC 7501 state marks. */
        OSC(3),
        /** An agent hook call. */
        HOOK(4),
        /** The process ended. */
        PROCESS(5);

        private final int rank;

        Source(int rank) {
            this.rank = rank;
        }

        boolean outranks(Source other) {
            return rank > other.rank;
        }
    }
}
