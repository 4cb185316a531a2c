package dev.drover.hub.session.repository;

import java.util.List;
import java.util.UUID;

/**
 * Which sessions a list shows: each non-null field must match exactly ({@code project} is the
 * directory the session started in), every one of {@code words} must appear (ignoring case) in the
 * task, command line, directories or the shell's last command, and ended sessions (neither
 * starting nor running) only with {@code includeEnded}. With {@code visibleTo}, only the sessions that
 * user started or that are shared with them (null: every session, as admins see).
 */
public record SessionFilter(UUID hostId, SessionState state, String profile, String project, String createdBy,
        List<String> words, boolean includeEnded, String visibleTo) {

    public SessionFilter {
        words = List.copyOf(words);
    }

    /** The same filter, narrowed to the sessions {@code username} may see (null: all of them). */
    public SessionFilter visibleTo(String username) {
        return new SessionFilter(hostId, state, profile, project, createdBy, words, includeEnded, username);
    }
}
