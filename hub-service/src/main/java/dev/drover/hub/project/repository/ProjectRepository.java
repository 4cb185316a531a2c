package dev.drover.hub.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /**
     * The host's projects, by path; with {@code text}, only those whose name, path, branch or remote
     * contains it, ignoring case.
     */
    public Uni<List<Project>> search(UUID hostId, String text) {
        if (text == null || text.isBlank()) {
            return list("hostId", Sort.by("path"), hostId);
        }
        String pattern = "%" + text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return list("hostId = :hostId and (lower(name) like :pattern escape '\\' or lower(path) like :pattern escape '\\'"
                        + " or lower(branch) like :pattern escape '\\' or lower(remote) like :pattern escape '\\')",
                Sort.by("path"), Parameters.with("hostId", hostId).and("pattern", pattern));
    }

    public Uni<Long> deleteByHost(UUID hostId) {
        return delete("hostId", hostId);
    }
}
