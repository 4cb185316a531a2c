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

    /** The host unless it does not exist or was revoked or removed. */
    public Uni<Host> findActive(UUID id) {
        return find("id = ?1 and revoked = false", id).firstResult();
    }

    /** The host unless it does not exist or was removed; revoked hosts are listed. */
    public Uni<Host> findListed(UUID id) {
        return find("id = ?1 and removed = false", id).firstResult();
    }

    public Uni<List<Host>> listListed() {
        return list("removed = false", Sort.by("name"));
    }
}
