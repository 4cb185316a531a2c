package dev.drover.hub.auth.service;

import dev.drover.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: each account name and each client address may fail a few times
 * freely, then every further failure doubles the wait before the next attempt (up to a maximum).
 * A success clears the account's count, not the address's (signing in to one's own account must
 * not reset a guesser's count). Counts are forgotten after a quiet period; kept in memory only.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Above this many tracked names and addresses, forgotten ones are swept out on the next failure. */
    private static final int SWEEP_ABOVE = 1000;

    private final HubConfig.Login config;
    private final InstantSource clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginThrottle(HubConfig config) {
        this(config.login(), InstantSource.system());
    }

    LoginThrottle(HubConfig.Login config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /** How long {@code username} from {@code address} must still wait, empty when it may try now. */
    Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        Duration account = remaining(accountKey(username), config.accountFreeFailures(), now);
        Duration client = remaining(addressKey(address), config.addressFreeFailures(), now);
        Duration longer = account.compareTo(client) >= 0 ? account : client;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    /**
     * Starts an attempt: empty when it may go ahead (it then counts as a failure until
     * {@link #succeeded} says otherwise, so parallel guesses all count), else how long to wait.
     */
    public Optional<Duration> begin(String username, String address) {
        Optional<Duration> wait = wait(username, address);
        if (wait.isEmpty()) {
            failed(username, address);
        }
        return wait;
    }

    /**
     * Starts a password change's check of the current password, counted against the account only:
     * its caller is signed in to that one account, so there is nothing to spray from an address.
     */
    public Optional<Duration> beginForAccount(String username) {
        Instant now = clock.instant();
        Duration wait = remaining(accountKey(username), config.accountFreeFailures(), now);
        if (!wait.isZero()) {
            return Optional.of(wait);
        }
        count(accountKey(username));
        return Optional.empty();
    }

    /** The current password given to a password change was right: the account's count clears. */
    public void succeededForAccount(String username) {
        failures.remove(accountKey(username));
    }

    private void failed(String username, String address) {
        count(accountKey(username), addressKey(address));
    }

    /** Counts one more failure for each key. */
    private void count(String... keys) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(entry -> forgotten(entry, now));
        }
        for (String key : keys) {
            failures.merge(key, new Failures(1, now), (old, one) -> forgotten(old, now)
                    ? one : new Failures(old.count() + 1, now));
        }
    }

    /** The attempt begun for {@code username} from {@code address} was right: the account's count clears, the address's drops by one. */
    public void succeeded(String username, String address) {
        failures.remove(accountKey(username));
        failures.computeIfPresent(addressKey(address),
                (key, entry) -> entry.count() <= 1 ? null : new Failures(entry.count() - 1, entry.last()));
    }

    private Duration remaining(String key, int free, Instant now) {
        Failures entry = failures.get(key);
        if (entry == null || entry.count() <= free || forgotten(entry, now)) {
            return Duration.ZERO;
        }
        Duration backoff = backoff(entry.count() - free);
        Duration left = Duration.between(now, entry.last().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The wait after the {@code n}th failure beyond the free ones: base, 2 × base, 4 × base … up to the maximum. */
    Duration backoff(int n) {
        Duration max = config.maxBackoff();
        int doublings = Math.min(n - 1, 30);
        Duration wait = config.baseBackoff().multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private boolean forgotten(Failures entry, Instant now) {
        return entry.last().plus(config.forgetAfter()).isBefore(now);
    }

    private static String accountKey(String username) {
        return "account:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
