package dev.drover.hub.auth.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.problem.RetryLaterException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/** Signs people in (throttled, see {@link LoginThrottle}) and out; each login is a revocable login session. */
@ApplicationScoped
public class LoginService {

    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final TokenIssuer tokens;

    public LoginService(AccountService accounts, LoginThrottle throttle, LoginSessions sessions, TokenIssuer tokens) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** A successful login: the account and its token. */
    public record LoggedIn(Account account, TokenIssuer.Issued token) {
    }

    /**
     * Checks the password and opens a login session: 401 for an unknown user or a wrong password,
     * 429 with the wait while the account or the address is throttled, 503 while too many
     * sign-ins are being checked at once.
     */
    @WithSpan
    public Uni<LoggedIn> login(String username, String password, String address) {
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
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.unauthorized("unknown user or wrong password"));
                    }
                    throttle.succeeded(username, address);
                    Account account = found.get();
                    UUID loginSessionId = UUID.randomUUID();
                    TokenIssuer.Issued issued = tokens.forUser(loginSessionId, account.username, Set.of(account.roles));
                    return sessions.open(loginSessionId, account.id, issued.expiresAt())
                            .replaceWith(new LoggedIn(account, issued));
                });
    }

    /** Ends a login session: its token is refused from now on and its terminal sockets close. */
    @WithSpan
    public Uni<Void> logout(UUID loginSessionId) {
        return sessions.end(loginSessionId);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
