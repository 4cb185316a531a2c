package dev.drover.hub.budget.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class DayBudgetRepository implements PanacheRepositoryBase<DayBudget, UUID> {

    public Uni<DayBudget> findForUser(String username) {
        return find("scope = ?1 and username = ?2", DayBudget.USER, username).firstResult();
    }

    public Uni<DayBudget> findForProject(UUID hostId, String path) {
        return find("scope = ?1 and hostId = ?2 and path = ?3", DayBudget.PROJECT, hostId, path).firstResult();
    }

    public Uni<List<DayBudget>> listInOrder() {
        return listAll(Sort.ascending("scope", "username", "path"));
    }
}
