package dev.drover.hub.session.repository;

import java.util.List;
import java.util.UUID;

/**
 * Which sessions a list shows: each non-null field must match exactly ({@code project} is the
 * directory the session started in), every one of {@code words} must appear (ignoring case) in the
 * task, command line, directories or the shell's last command, and ended sessions (neither
 * starting nor running) only with {@code includeEnded}.
 */
public record SessionFilter(UUID hostId, SessionState state, String profile, String project, String createdBy,
        List<String> words, boolean includeEnded) {

    public SessionFilter {
        words = List.copyOf(words);
    }

    /** Every session. */
    public static final SessionFilter ALL = new SessionFilter(null, null, null, null, null, List.of(), true);
}
