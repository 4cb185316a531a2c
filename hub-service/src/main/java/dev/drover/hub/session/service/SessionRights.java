package dev.drover.hub.session.service;

/**
 * What a caller may do with one session (docs/adr/0028-session-owners-and-sharing.md), each level
 * including the ones before it. A viewer's role caps it at {@link #VIEW}.
 */
public enum SessionRights {
    /** Not even see it: the session answers 404. */
    NONE,
    /** See it, its activity and shares, and watch its terminal. */
    VIEW,
    /** Also type into it, resize, stop, resume, open a companion, change its task. */
    TYPE,
    /** Also set its budget and share it: who started it, and admins. */
    OWN;

    public boolean atLeast(SessionRights needed) {
        return compareTo(needed) >= 0;
    }
}
