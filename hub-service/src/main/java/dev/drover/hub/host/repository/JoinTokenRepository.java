package dev.drover.hub.host.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;

@ApplicationScoped
@WithSession
public class JoinTokenRepository implements PanacheRepositoryBase<JoinToken, String> {

    /** The token when it is unused and unexpired, locked for the rest of the transaction; else null. */
    public Uni<JoinToken> findRedeemable(String tokenHash, Instant now) {
        return find("tokenHash = ?1 and usedAt is null and expiresAt > ?2", tokenHash, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
