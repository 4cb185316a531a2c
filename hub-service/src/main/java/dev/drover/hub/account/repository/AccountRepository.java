package dev.drover.hub.account.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
