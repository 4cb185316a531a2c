package dev.drover.hub.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class WorktreeRepository implements PanacheRepositoryBase<Worktree, UUID> {

    public Uni<List<Worktree>> listByHost(UUID hostId) {
        return list("hostId", Sort.by("path"), hostId);
    }

    /** The worktree the daemon created for {@code sessionId}, or null. */
    public Uni<Worktree> findBySession(UUID sessionId) {
        return find("sessionId", sessionId).firstResult();
    }

    public Uni<Worktree> findByPath(UUID hostId, String path) {
        return find("hostId = ?1 and path = ?2", hostId, path).firstResult();
    }

    public Uni<Long> deleteByPath(UUID hostId, String path) {
        return delete("hostId = ?1 and path = ?2", hostId, path);
    }

    public Uni<Long> deleteByHost(UUID hostId) {
        return delete("hostId", hostId);
    }
}
