package dev.drover.hub.account.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.repository.AccountRepository;
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

/** Local accounts: creation and password checks (bcrypt runs on {@link PasswordHasher}'s pool, never the event loop). */
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
        Context context = Vertx.currentContext();
        return passwords.hash(password)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .flatMap(hash -> Panache.withTransaction(() -> accounts.persist(newAccount(username, hash, roles))));
    }

    @WithSpan
    public Uni<Long> count() {
        return accounts.count();
    }

    /**
     * The account when the password matches, empty otherwise. An unknown or disabled user costs a
     * check against a dummy hash, so the answer takes as long as for a wrong password.
     */
    @WithSpan
    public Uni<Optional<Account>> authenticate(String username, String password) {
        return accounts.findByUsername(username)
                .flatMap(account -> {
                    boolean usable = account != null && account.disabledAt == null;
                    return passwords.matches(password, usable ? account.passwordHash : null)
                            .map(matches -> matches ? Optional.of(account) : Optional.<Account>empty());
                });
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
