package dev.drover.hub.account.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    /** The account linked to the person {@code subject} of the OIDC provider {@code issuer}, or null. */
    public Uni<Account> findByOidc(String issuer, String subject) {
        return find("oidcIssuer = ?1 and oidcSubject = ?2", issuer, subject).firstResult();
    }

    /** Whether a name is taken, ignoring case ("Alice" and "alice" would be two people nobody can tell apart). */
    public Uni<Boolean> nameTaken(String username) {
        return count("lower(username) = lower(?1)", username).map(count -> count > 0);
    }

    /**
     * Whether a name belonged to a removed account: it stays retired, so that nobody new inherits
     * what records name that person by it (V30 keeps the list and refuses such a name).
     */
    public Uni<Boolean> nameRetired(String username) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM retired_username WHERE name = lower(:name)", Long.class)
                .setParameter("name", username)
                .getSingleResult()
                .map(count -> count > 0));
    }

    public Uni<List<Account>> listByName() {
        return listAll(Sort.by("username"));
    }

    /**
     * The enabled accounts, locked until the transaction ends: two admins changing each other at the
     * same moment take turns, so the second sees the first's change and cannot remove the last admin.
     * (Accounts are few; locking all enabled ones keeps the query free of array functions.)
     */
    public Uni<List<Account>> lockEnabled() {
        return find("disabledAt is null order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
