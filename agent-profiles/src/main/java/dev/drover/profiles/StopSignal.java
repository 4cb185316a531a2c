package dev.drover.profiles;

/** Signals a stop step may send to the session's process group. */
public enum StopSignal {
    HUP, INT, TERM, KILL
}
