package dev.drover.hub.auth.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.service.AccountRules;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.problem.RetryLaterException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * Signs people in, with a password (throttled, see {@link LoginThrottle}) or through the OIDC
 * provider, and out; each login is a revocable login
 * session. Every sign-in whose password or provider answer was checked is audited ({@code login} or {@code login.failed});
 * attempts refused by the throttle before any check are not, so a guesser cannot fill the trail
 * faster than the throttle lets them guess.
 */
@ApplicationScoped
public class LoginService {

    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final TokenIssuer tokens;
    private final AuditTrail audit;
    private final OidcRoles roles;
    private final OidcConfig oidc;

    public LoginService(AccountService accounts, LoginThrottle throttle, LoginSessions sessions, TokenIssuer tokens,
                        AuditTrail audit, OidcRoles roles, OidcConfig oidc) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.roles = roles;
        this.oidc = oidc;
    }

    /** A successful login: the account and its token. */
    public record LoggedIn(Account account, TokenIssuer.Issued token) {
    }

    /**
     * Checks the password and opens a login session, noting the client's address and browser: 401 for an unknown user or a wrong password,
     * 429 with the wait while the account or the address is throttled, 503 while too many
     * sign-ins are being checked at once.
     */
    @WithSpan
    public Uni<LoggedIn> login(String username, String password, String address, String userAgent) {
        Optional<Duration> wait = throttle.begin(username, address);
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new RetryLaterException(429,
                    "too many failed sign-ins for this account or from this address; try again in "
                            + seconds(wait.get()) + " s", wait.get()));
        }
        return accounts.authenticate(username, password)
                .onFailure(RejectedExecutionException.class).transform(e -> new RetryLaterException(503,
                        "too many sign-ins are being checked at once; try again shortly", Duration.ofSeconds(1)))
                .flatMap(found -> {
                    Actor actor = Actor.claiming(found.map(account -> account.username).orElse(username), address);
                    if (found.isEmpty()) {
                        return failed(actor, ProblemException.unauthorized("unknown user or wrong password"));
                    }
                    throttle.succeeded(username, address);
                    return open(found.get(), actor, address, userAgent, Map.of());
                });
    }

    /** Who the OIDC provider signed in: its issuer, their subject there, the name they go by, their groups. */
    public record OidcPerson(String issuer, String subject, String name, Object groups) {
    }

    /**
     * Opens a login session for a person the OIDC provider signed in, as a password login does:
     * their account is linked (created the first time) and gets the role their groups map to;
     * 403 when no group maps to a role and there is no default role, or when the account is
     * disabled. A changed role ends the account's other logins, whose tokens carry the old one.
     */
    @WithSpan
    public Uni<LoggedIn> login(OidcPerson person, String address, String userAgent) {
        Actor actor = Actor.claiming(person.name(), address);
        Map<String, String> detail = Map.of("provider", oidc.providerName());
        Optional<String> role = roles.roleOf(person.groups());
        if (role.isEmpty()) {
            return failed(actor, detail, new NotPermittedException("your account at " + oidc.providerName()
                    + " is in no group that Drover gives a role to; ask an administrator to add you to one"));
        }
        return accounts.linkOidc(person.issuer(), person.subject(), person.name(), role.get())
                .flatMap(linked -> {
                    Account account = linked.account();
                    Actor signedIn = Actor.claiming(account.username, address);
                    Uni<Void> endOld = linked.roleChanged() && account.disabledAt == null
                            ? sessions.endAll(account.id, Set.of(), "role changed; sign in again")
                            : Uni.createFrom().voidItem();
                    return endOld.chain(() -> open(account, signedIn, address, userAgent, detail));
                });
    }

    /** A new login session of {@code account}, whose credentials were checked; refused (and audited) when it is disabled. */
    private Uni<LoggedIn> open(Account account, Actor actor, String address, String userAgent, Map<String, String> detail) {
        if (account.disabledAt != null) {
            return failed(actor, detail, new NotPermittedException(
                    "this account is disabled; an administrator can enable it again"));
        }
        UUID loginSessionId = UUID.randomUUID();
        TokenIssuer.Issued issued = tokens.forUser(loginSessionId, account.username, Set.of(account.roles));
        return sessions.open(loginSessionId, account.id, issued.expiresAt(), address, userAgent)
                .chain(() -> audit.record(actor, AuditActions.LOGIN, "user:" + account.username, detail))
                .replaceWith(new LoggedIn(account, issued));
    }

    /** Records a sign-in whose credentials were checked and refused, then fails with {@code refusal}. */
    private <T> Uni<T> failed(Actor actor, RuntimeException refusal) {
        return failed(actor, Map.of(), refusal);
    }

    private <T> Uni<T> failed(Actor actor, Map<String, String> detail, RuntimeException refusal) {
        Map<String, String> withReason = new HashMap<>(detail);
        withReason.put("reason", refusal.getMessage());
        return audit.record(actor, AuditActions.LOGIN_FAILED, "user:" + actor.name(), withReason)
                .chain(() -> Uni.createFrom().failure(refusal));
    }

    /** Ends a login session: its token is refused from now on and its browser sockets close. */
    @WithSpan
    public Uni<Void> logout(UUID loginSessionId) {
        return sessions.end(loginSessionId);
    }

    /**
     * Changes the signed-in person's password, throttled like a login: 400 for a new password that
     * breaks the rules, 401 for a wrong current one, 429 while throttled. Every other login of the
     * account ends (a stolen token stops working); the one that asked stays, with all its rights
     * once a one-time password is replaced.
     */
    @WithSpan
    public Uni<Void> changePassword(String username, UUID loginSessionId, String current, String next) {
        AccountRules.checkChange(username, current, next);
        Optional<Duration> wait = throttle.beginForAccount(username);
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new RetryLaterException(429,
                    "too many wrong passwords for this account; try again in "
                            + seconds(wait.get()) + " s", wait.get()));
        }
        return accounts.changePassword(username, current, next)
                .onFailure(RejectedExecutionException.class).transform(e -> new RetryLaterException(503,
                        "too many passwords are being checked at once; try again shortly", Duration.ofSeconds(1)))
                .flatMap(changed -> {
                    if (changed.isEmpty()) {
                        return Uni.createFrom().failure(new NotPermittedException("the current password is wrong"));
                    }
                    throttle.succeededForAccount(username);
                    sessions.forget(loginSessionId);
                    return sessions.endAll(changed.get().id, Set.of(loginSessionId), "password changed; sign in again")
                            .chain(() -> audit.record(Actor.claiming(username, null), AuditActions.PASSWORD_CHANGED,
                                    "user:" + username, Map.of()));
                });
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
