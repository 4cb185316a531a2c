package dev.drover.hub.account.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.NotFoundException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.exception.ConstraintViolationException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What admins do to accounts: create, change the role, disable, enable, remove. No change may
 * leave the hub without an enabled admin. Ending the account's logins is the caller's part
 * (the account feature sits below the one that signs people in).
 */
@ApplicationScoped
public class AccountAdministration {

    private final AccountRepository accounts;
    private final AccountService service;

    public AccountAdministration(AccountRepository accounts, AccountService service) {
        this.accounts = accounts;
        this.service = service;
    }

    /** A new account; {@code oneTimePassword} is set when the hub made the password (shown once, never stored in clear). */
    public record Created(Account account, String oneTimePassword) {
    }

    @WithSpan
    public Uni<List<Account>> list() {
        return accounts.listByName();
    }

    /** The account, or {@link NotFoundException}. */
    public Uni<Account> find(UUID id) {
        return Panache.withSession(() -> accounts.findById(id))
                .onItem().ifNull().failWith(() -> new NotFoundException("no user with id " + id));
    }

    /**
     * Creates an account with {@code role}: with {@code password} when given (it must follow the
     * rules), else with a generated one-time password that must be changed at the first sign-in.
     */
    @WithSpan
    public Uni<Created> create(String username, String role, String password) {
        AccountRules.checkName(username);
        AccountRules.checkRole(role);
        if (password != null) {
            AccountRules.checkPassword(username, password);
        }
        String chosen = password != null ? password : AccountRules.oneTimePassword();
        return accounts.nameTaken(username)
                .chain(taken -> accounts.nameRetired(username).map(retired -> taken ? "a user named " + username + " exists"
                        : retired ? "the name " + username + " belonged to a removed account and is not given again;"
                                + " choose another" : null))
                .chain(refusal -> refusal != null
                        ? Uni.createFrom().failure(new ConflictException(refusal))
                        : service.create(username, chosen, Set.of(role), password == null)
                                .onFailure(ConstraintViolationException.class).transform(e ->
                                        new ConflictException("a user named " + username + " exists")))
                .map(account -> new Created(account, password == null ? chosen : null));
    }

    /** An account after a change, and whether anything changed. */
    public record Changed(Account account, boolean changed) {
    }

    /** Gives the account {@code role}; refused for the last enabled admin unless the role stays admin. */
    @WithSpan
    public Uni<Changed> changeRole(UUID id, String role) {
        AccountRules.checkRole(role);
        return Panache.withTransaction(() -> guarded(id, account -> !Role.ADMIN.equals(role), "demote")
                .map(account -> {
                    boolean changed = !List.of(account.roles).equals(List.of(role));
                    account.roles = new String[] {role};
                    return new Changed(account, changed);
                }));
    }

    /** Disables or enables the account; disabling the last enabled admin is refused. */
    @WithSpan
    public Uni<Changed> setDisabled(UUID id, boolean disabled) {
        return Panache.withTransaction(() -> guarded(id, account -> disabled, "disable")
                .map(account -> {
                    boolean changed = disabled != (account.disabledAt != null);
                    if (changed) {
                        account.disabledAt = disabled ? Instant.now() : null;
                    }
                    return new Changed(account, changed);
                }));
    }

    /** Removes the account (its login sessions go with it); removing the last enabled admin is refused. */
    @WithSpan
    public Uni<Account> delete(UUID id) {
        return Panache.withTransaction(() -> guarded(id, account -> true, "remove")
                .call(accounts::delete));
    }

    /**
     * The account, once the enabled accounts are locked and it is certain that the change (which
     * takes away its admin rights when {@code removesAdmin} says so) leaves another enabled admin.
     */
    private Uni<Account> guarded(UUID id, Predicate<Account> removesAdmin, String verb) {
        return accounts.lockEnabled()
                .chain(enabled -> accounts.findById(id)
                        .onItem().ifNull().failWith(() -> new NotFoundException("no user with id " + id))
                        .invoke(account -> {
                            boolean enabledAdmin = account.disabledAt == null && isAdmin(account);
                            long admins = enabled.stream().filter(AccountAdministration::isAdmin).count();
                            if (enabledAdmin && admins <= 1 && removesAdmin.test(account)) {
                                throw new ConflictException("cannot " + verb + " " + account.username
                                        + ": it is the last enabled admin; make another account admin first");
                            }
                        }));
    }

    private static boolean isAdmin(Account account) {
        return List.of(account.roles).contains(Role.ADMIN);
    }
}
