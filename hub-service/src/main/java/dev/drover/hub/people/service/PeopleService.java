package dev.drover.hub.people.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.service.AccountAdministration;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.auth.service.ApiTokens;
import dev.drover.hub.auth.repository.LoginSessionRepository;
import dev.drover.hub.auth.service.LoginSessions;
import dev.drover.hub.error.InvalidException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * People as admins manage them: an account change, once committed, ends the account's logins at
 * once where it takes rights away (disabling, removing, a new role), so its tokens get 401 and its
 * browser sockets close on the next instant rather than within the live-check cache time. Its API
 * tokens are revoked too: all of them when it is disabled or removed, those above its new role
 * when it is given a lower one. Every change is recorded in the audit trail.
 */
@ApplicationScoped
public class PeopleService {

    static final String DISABLED = "account disabled";
    static final String REMOVED = "account removed";
    static final String ROLE_CHANGED = "role changed; sign in again";
    static final String ENDED_BY_ADMIN = "signed out by an admin";

    private final AccountAdministration accounts;
    private final LoginSessions logins;
    private final ApiTokens tokens;
    private final AuditTrail audit;

    public PeopleService(AccountAdministration accounts, LoginSessions logins, ApiTokens tokens, AuditTrail audit) {
        this.accounts = accounts;
        this.logins = logins;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** An account with when it last signed in (null when it never did) and how many live logins it has now. */
    public record Person(Account account, Instant lastLoginAt, int liveLogins) {

        static Person of(Account account, Map<UUID, LoginSessionRepository.LoginSummary> summaries) {
            LoginSessionRepository.LoginSummary summary = summaries.get(account.id);
            return summary == null ? new Person(account, null, 0) : new Person(account, summary.lastLoginAt(), summary.live());
        }
    }

    @WithSpan
    public Uni<List<Person>> list() {
        return logins.summaries().chain(summaries -> accounts.list()
                .map(found -> found.stream().map(account -> Person.of(account, summaries)).toList()));
    }

    @WithSpan
    public Uni<AccountAdministration.Created> create(Actor actor, String username, String role, String password) {
        return accounts.create(username, role, password)
                .call(created -> audit.record(actor, AuditActions.USER_CREATED, target(created.account()),
                        Map.of("role", role, "oneTimePassword", created.oneTimePassword() != null)));
    }

    /** Changes the role and/or disables or enables the account; a field left null stays as it is. */
    @WithSpan
    public Uni<Person> update(Actor actor, UUID id, String role, Boolean disabled) {
        if (role == null && disabled == null) {
            return Uni.createFrom().failure(new InvalidException("give role, disabled or both"));
        }
        Uni<Account> changed = Uni.createFrom().item((Account) null);
        if (role != null) {
            changed = changed.chain(ignored -> accounts.changeRole(id, role)
                    .call(change -> change.changed()
                            ? logins.endAll(id, Set.of(), ROLE_CHANGED)
                                    .chain(() -> tokens.ownerRoleChanged(id, role, ROLE_CHANGED))
                                    .chain(() -> audit.record(actor, AuditActions.USER_ROLE_CHANGED, target(change.account()),
                                            Map.of("role", role)))
                            : Uni.createFrom().voidItem())
                    .map(AccountAdministration.Changed::account));
        }
        if (disabled != null) {
            changed = changed.chain(ignored -> accounts.setDisabled(id, disabled)
                    .call(change -> !change.changed() ? Uni.createFrom().voidItem()
                            : (disabled ? logins.endAll(id, Set.of(), DISABLED).chain(() -> tokens.endAll(id, DISABLED))
                                    : Uni.createFrom().voidItem())
                                    .chain(() -> audit.record(actor, disabled ? AuditActions.USER_DISABLED : AuditActions.USER_ENABLED,
                                            target(change.account()), Map.of())))
                    .map(AccountAdministration.Changed::account));
        }
        return changed.chain(account -> logins.summaries().map(summaries -> Person.of(account, summaries)));
    }

    /** The account's live logins, newest first; {@link dev.drover.hub.error.NotFoundException} for no such account. */
    @WithSpan
    public Uni<List<LoginSessionRepository.Login>> logins(UUID id) {
        return accounts.find(id).chain(() -> logins.of(id));
    }

    /** Ends one of the account's logins at once (its sockets close with {@value #ENDED_BY_ADMIN}). */
    @WithSpan
    public Uni<Void> endLogin(UUID id, UUID loginId) {
        return accounts.find(id).chain(() -> logins.endOne(id, loginId, ENDED_BY_ADMIN));
    }

    /** Ends every login of the account at once; it may sign in again. */
    @WithSpan
    public Uni<Void> endLogins(UUID id) {
        return accounts.find(id).chain(() -> logins.endAll(id, Set.of(), ENDED_BY_ADMIN));
    }

    /** Removes the account; its logins and API tokens end with it. */
    @WithSpan
    public Uni<Void> delete(Actor actor, UUID id) {
        return logins.notEnded(id)
                .chain(open -> tokens.notRevoked(id)
                        .chain(live -> accounts.delete(id)
                                .invoke(() -> {
                                    logins.removed(open, REMOVED);
                                    tokens.removed(live, REMOVED);
                                })))
                .chain(removed -> audit.record(actor, AuditActions.USER_REMOVED, target(removed), Map.of()));
    }

    private static String target(Account account) {
        return "user:" + account.username;
    }
}
