package dev.drover.hub.account.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.error.NotFoundException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/** Local accounts: creation, password checks and changes (bcrypt runs on {@link PasswordHasher}'s pool, never the event loop). */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordHasher passwords;

    public AccountService(AccountRepository accounts, PasswordHasher passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** Creates an account; must be called on a Vert.x context. */
    @WithSpan
    public Uni<Account> create(String username, String password, Set<String> roles) {
        return create(username, password, roles, false);
    }

    /** Creates an account, marked when its password is a one-time one; must be called on a Vert.x context. */
    @WithSpan
    public Uni<Account> create(String username, String password, Set<String> roles, boolean oneTimePassword) {
        Context context = Vertx.currentContext();
        return passwords.hash(password)
                .emitOn(back(context))
                .flatMap(hash -> Panache.withTransaction(() -> {
                    Account account = newAccount(username, hash, roles);
                    account.passwordChangeRequired = oneTimePassword;
                    return accounts.persist(account);
                }));
    }

    /** Runs what follows on {@code context}: bcrypt answers on its own pool, Hibernate Reactive needs the caller's context. */
    private static Executor back(Context context) {
        return command -> context.runOnContext(ignored -> command.run());
    }

    /**
     * Replaces the password of {@code username} after checking the current one (empty when it does
     * not match) and clears the one-time-password mark; must be called on a Vert.x context. A new
     * password that breaks the rules fails before anything is checked.
     */
    @WithSpan
    public Uni<Optional<Account>> changePassword(String username, String current, String next) {
        AccountRules.checkChange(username, current, next);
        Context context = Vertx.currentContext();
        return authenticate(username, current)
                .emitOn(back(context))
                .flatMap(found -> found.isEmpty() || found.get().disabledAt != null
                        ? Uni.createFrom().item(Optional.<Account>empty())
                        : passwords.hash(next)
                                .emitOn(back(context))
                                .flatMap(hash -> storePassword(found.get().id, hash))
                                .map(Optional::of));
    }

    private Uni<Account> storePassword(UUID id, String hash) {
        return Panache.withTransaction(() -> accounts.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("the account was removed"))
                .invoke(account -> {
                    account.passwordHash = hash;
                    account.passwordChangeRequired = false;
                }));
    }

    @WithSpan
    public Uni<Long> count() {
        return accounts.count();
    }

    /**
     * The account when the password matches (a disabled one too: the caller refuses it and may say
     * why, since whoever knows the password may know that), empty otherwise. An unknown user costs a
     * check against a dummy hash, so the answer takes as long as for a wrong password.
     */
    @WithSpan
    public Uni<Optional<Account>> authenticate(String username, String password) {
        return accounts.findByUsername(username)
                .flatMap(account -> passwords.matches(password, account == null ? null : account.passwordHash)
                        .map(matches -> matches ? Optional.of(account) : Optional.<Account>empty()));
    }

    private static Account newAccount(String username, String hash, Set<String> roles) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.username = username;
        account.passwordHash = hash;
        account.roles = roles.toArray(String[]::new);
        account.createdAt = Instant.now();
        return account;
    }
}
