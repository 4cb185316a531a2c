package dev.drover.hub.account.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.error.ConflictException;
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
     * not match) and clears the one-time-password mark; must be called on a Vert.x context. An
     * account linked to an OIDC provider has no password to change (409). A new
     * password that breaks the rules fails before anything is checked.
     */
    @WithSpan
    public Uni<Optional<Account>> changePassword(String username, String current, String next) {
        AccountRules.checkChange(username, current, next);
        Context context = Vertx.currentContext();
        return accounts.findByUsername(username)
                .flatMap(account -> account != null && account.passwordHash == null
                        ? Uni.createFrom().failure(new ConflictException(
                                "this account signs in through its identity provider and has no password here"))
                        : authenticate(username, current))
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

    /** What a sign-in through an OIDC provider did to its account. */
    public record Linked(Account account, boolean roleChanged) {
    }

    /**
     * The account linked to the person {@code subject} at the OIDC provider {@code issuer}, given
     * {@code role} (the provider's groups decide it at every sign-in); created, without a password,
     * when there is none yet, named {@code preferredName} or, when that is taken or no valid name,
     * a free variant of it. A disabled account stays disabled.
     */
    @WithSpan
    public Uni<Linked> linkOidc(String issuer, String subject, String preferredName, String role) {
        return Panache.withTransaction(() -> accounts.findByOidc(issuer, subject)
                .flatMap(found -> {
                    if (found != null) {
                        boolean changed = !role.equals(found.role());
                        found.roles = new String[] {role};
                        return Uni.createFrom().item(new Linked(found, changed));
                    }
                    return freeName(AccountRules.nameLike(preferredName), 1)
                            .flatMap(name -> {
                                Account account = newAccount(name, null, Set.of(role));
                                account.oidcIssuer = issuer;
                                account.oidcSubject = subject;
                                return accounts.persist(account);
                            })
                            .map(account -> new Linked(account, false));
                }));
    }

    /**
     * {@code base}, or {@code base-2}, {@code base-3}, ... whichever is neither taken nor retired first
     * (a removed account's name is never given again: ADR 0035).
     */
    private Uni<String> freeName(String base, int attempt) {
        String name = attempt == 1 ? base : base + "-" + attempt;
        return accounts.nameTaken(name)
                .flatMap(taken -> taken ? Uni.createFrom().item(true) : accounts.nameRetired(name))
                .flatMap(unavailable -> unavailable ? freeName(base, attempt + 1) : Uni.createFrom().item(name));
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
