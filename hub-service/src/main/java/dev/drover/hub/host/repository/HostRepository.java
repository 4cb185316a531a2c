package dev.drover.hub.host.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class HostRepository implements PanacheRepositoryBase<Host, UUID> {

    /** The host unless it does not exist or was removed. */
    public Uni<Host> findActive(UUID id) {
        return find("id = ?1 and revoked = false", id).firstResult();
    }

    public Uni<List<Host>> listActive() {
        return list("revoked = false", Sort.by("name"));
    }
}
