package dev.drover.hub.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SessionActivityRepository implements PanacheRepositoryBase<SessionActivity, Long> {

    /** Whether the session already has this transition (a daemon repeats its current one after each welcome). */
    public Uni<Boolean> has(UUID sessionId, Instant since, String state) {
        return count("sessionId = ?1 and since = ?2 and state = ?3", sessionId, since, state).map(count -> count > 0);
    }

    /** The session's latest {@code limit} transitions, oldest first. */
    public Uni<List<SessionActivity>> latest(UUID sessionId, int limit) {
        return find("sessionId", Sort.descending("since", "id"), sessionId)
                .page(Page.ofSize(limit))
                .list()
                .map(found -> found.reversed());
    }
}
