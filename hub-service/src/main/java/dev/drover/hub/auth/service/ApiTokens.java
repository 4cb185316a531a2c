package dev.drover.hub.auth.service;

import dev.drover.hub.account.repository.Account;
import dev.drover.hub.account.repository.AccountRepository;
import dev.drover.hub.account.service.AccountRules;
import dev.drover.hub.account.service.Role;
import dev.drover.hub.audit.service.Actor;
import dev.drover.hub.audit.service.AuditActions;
import dev.drover.hub.audit.service.AuditTrail;
import dev.drover.hub.auth.repository.ApiTokenRepository;
import dev.drover.hub.auth.repository.ApiTokenRepository.StoredToken;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Personal API tokens (docs/adr/0023-api-tokens-and-audit-trail.md): {@code drv_} and 43 base62
 * characters (256 random bits), shown once and kept as their SHA-256. A token acts as its owner
 * with its own role, never above the owner's current one. A token found usable is trusted for
 * {@code drover.hub.login.live-check-cache}, like a login; the hub's own changes (revoking, and
 * disabling, removing or demoting the owner) revoke at once and fire {@link Ended}, which closes
 * the tokens' sockets. The last-used time is written at most once per
 * {@code drover.hub.api-tokens.last-used-resolution}.
 */
@ApplicationScoped
public class ApiTokens {

    /** What every token starts with, so secret scanners and people can tell one. */
    public static final String PREFIX = "drv_";
    static final int SECRET_CHARACTERS = 43;
    static final String REVOKED = "token revoked";
    private static final int MAX_NAME = 64;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(ApiTokens.class);

    private final ApiTokenRepository repository;
    private final AccountRepository accounts;
    private final ApiTokenConfig config;
    private final HubConfig.Login login;
    private final AuditTrail audit;
    private final Event<Ended> ended;
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    public ApiTokens(ApiTokenRepository repository, AccountRepository accounts, ApiTokenConfig config, HubConfig hub,
                     AuditTrail audit, Event<Ended> ended) {
        this.repository = repository;
        this.accounts = accounts;
        this.config = config;
        this.login = hub.login();
        this.audit = audit;
        this.ended = ended;
    }

    /** Tokens the hub revoked (or whose owner it removed): {@code reason} is what their sockets' close frames say. */
    public record Ended(Set<UUID> tokenIds, String reason) {
    }

    /** A token as its owner and admins see it. */
    public record ApiToken(UUID id, String name, String role, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                           Instant revokedAt) {
    }

    /** A new token and its secret, which is never shown again. */
    public record Created(ApiToken token, String secret) {
    }

    /** A usable token that authenticated a request: who it acts as and with which role. */
    public record Bearer(UUID id, String name, String username, String role) {
    }

    private record Trusted(Bearer bearer, UUID accountId, Instant expiresAt, Instant until) {
    }

    /**
     * Creates a token for the account: 400 for a name that is not 1–64 characters without control
     * characters, an unknown role or an expiry not in the future or beyond
     * {@code drover.hub.api-tokens.max-lifetime}; 403 for a role above the owner's; 409 when one of
     * the owner's live tokens has the name.
     */
    @WithSpan
    public Uni<Created> create(Actor actor, Account owner, String name, String role, Instant expiresAt) {
        List<String> ownerRoles = List.of(owner.roles);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            return Uni.createFrom().failure(new InvalidException("name: 1-" + MAX_NAME + " characters, no control characters"));
        }
        AccountRules.checkRole(role);
        if (Role.rank(role) > Role.highest(ownerRoles)) {
            return Uni.createFrom().failure(new NotPermittedException(
                    "a token's role cannot be above its owner's (" + String.join(", ", ownerRoles) + ")"));
        }
        Instant now = Instant.now();
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(config.maxLifetime()))) {
            return Uni.createFrom().failure(new InvalidException(
                    "expiresAt: a time in the future, at most " + config.maxLifetime().toDays() + " days from now"));
        }
        String secret = newSecret();
        ApiToken token = new ApiToken(UUID.randomUUID(), trimmed, role, now, expiresAt, null, null);
        return repository.insert(token.id(), owner.id, trimmed, role, hash(secret), now, expiresAt)
                .onFailure(ApiTokens::nameTaken).transform(e -> new ConflictException("you have a live token named " + trimmed))
                .call(() -> audit.record(actor, AuditActions.TOKEN_CREATED, "token:" + token.id(),
                        Map.of("name", trimmed, "role", role, "owner", owner.username, "expiresAt", expiresAt.toString())))
                .replaceWith(new Created(token, secret));
    }

    /** The account named so (the caller of a request). */
    public Uni<Account> owner(String username) {
        return Panache.withSession(() -> accounts.findByUsername(username))
                .onItem().ifNull().failWith(() -> new NotFoundException("no user named " + username));
    }

    /** The account with this id; 404 when there is none. */
    public Uni<Account> owner(UUID id) {
        return Panache.withSession(() -> accounts.findById(id))
                .onItem().ifNull().failWith(() -> new NotFoundException("no user with id " + id));
    }

    /** The account's tokens, revoked and expired ones included, newest first. */
    @WithSpan
    public Uni<List<ApiToken>> list(Account owner) {
        return repository.ofAccount(owner.id).map(tokens -> tokens.stream().map(ApiTokens::view).toList());
    }

    /** Revokes the account's token at once (its requests get 401, its sockets close with 1008 {@code token revoked}); 404 when the account has no such token. */
    @WithSpan
    public Uni<Void> revoke(Actor actor, Account owner, UUID tokenId) {
        return repository.revoke(tokenId, owner.id)
                .chain(name -> {
                    if (name == null) {
                        return Uni.createFrom().failure(new NotFoundException("no token with id " + tokenId));
                    }
                    end(Set.of(tokenId), REVOKED);
                    return audit.record(actor, AuditActions.TOKEN_REVOKED, "token:" + tokenId,
                            Map.of("name", name, "owner", owner.username));
                });
    }

    /**
     * The usable token whose secret this is (401 otherwise): not revoked, not expired, its owner
     * enabled, without a one-time password and with a role at least the token's.
     */
    public Uni<Bearer> authenticate(String secret) {
        byte[] hash = hash(secret);
        String key = Base64.getEncoder().encodeToString(hash);
        Instant now = Instant.now();
        Trusted entry = trusted.get(key);
        if (entry != null && entry.until().isAfter(now) && entry.expiresAt().isAfter(now)) {
            used(entry.bearer().id(), null, now);
            return Uni.createFrom().item(entry.bearer());
        }
        return repository.usableBySecret(hash).map(token -> {
            if (token == null || !withinOwnersRole(token)) {
                trusted.remove(key);
                throw new AuthenticationFailedException("API token revoked, expired or unknown");
            }
            Bearer bearer = new Bearer(token.id(), token.name(), token.username(), token.role());
            trusted.values().removeIf(stale -> !stale.until().isAfter(now));
            trusted.put(key, new Trusted(bearer, token.accountId(), token.expiresAt(), now.plus(login.liveCheckCache())));
            used(token.id(), token.lastUsedAt(), now);
            return bearer;
        });
    }

    /** Those of {@code ids} still usable, asked of the database (for open sockets). */
    public Uni<Set<UUID>> usable(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return repository.usable(ids).map(tokens -> tokens.stream()
                .filter(ApiTokens::withinOwnersRole)
                .map(StoredToken::id)
                .collect(Collectors.toSet()));
    }

    /** Revokes the account's tokens whose role is above {@code role}, at once (its new role). */
    @WithSpan
    public Uni<Void> ownerRoleChanged(UUID accountId, String role, String reason) {
        Set<String> above = new HashSet<>(Role.ASCENDING.subList(Role.rank(role) + 1, Role.ASCENDING.size()));
        return above.isEmpty() ? Uni.createFrom().voidItem() : revokeRoles(accountId, above, reason);
    }

    /** Revokes every token of the account, at once (it was disabled). */
    @WithSpan
    public Uni<Void> endAll(UUID accountId, String reason) {
        return revokeRoles(accountId, Set.copyOf(Role.ASCENDING), reason);
    }

    /** The account's tokens not revoked; read before removing an account, whose rows go with it. */
    public Uni<Set<UUID>> notRevoked(UUID accountId) {
        return repository.notRevoked(accountId);
    }

    /** Tokens whose rows are gone (their owner was removed): forgotten at once and their sockets closed. */
    public void removed(Set<UUID> ids, String reason) {
        end(ids, reason);
    }

    private Uni<Void> revokeRoles(UUID accountId, Set<String> roles, String reason) {
        return repository.revokeRoles(accountId, roles)
                .invoke(ids -> {
                    trusted.values().removeIf(entry -> entry.accountId().equals(accountId));
                    end(ids, reason);
                })
                .replaceWithVoid();
    }

    private void end(Set<UUID> ids, String reason) {
        if (ids.isEmpty()) {
            return;
        }
        trusted.values().removeIf(entry -> ids.contains(entry.bearer().id()));
        ids.forEach(lastUsedWritten::remove);
        ended.fire(new Ended(ids, reason));
    }

    /** Writes the last-used time when the one stored (or last written) is older than the resolution. */
    private void used(UUID id, Instant stored, Instant now) {
        Instant written = lastUsedWritten.get(id);
        Instant last = written != null ? written : stored;
        if (last != null && last.plus(config.lastUsedResolution()).isAfter(now)) {
            lastUsedWritten.putIfAbsent(id, last);
            return;
        }
        lastUsedWritten.put(id, now);
        repository.touch(id, now).subscribe().with(
                ignored -> { },
                failure -> LOG.warnf("cannot record when API token %s was last used: %s", id, failure.getMessage()));
    }

    private static boolean withinOwnersRole(StoredToken token) {
        return Role.rank(token.role()) <= Role.highest(token.ownerRoles());
    }

    private static ApiToken view(StoredToken token) {
        return new ApiToken(token.id(), token.name(), token.role(), token.createdAt(), token.expiresAt(), token.lastUsedAt(),
                token.revokedAt());
    }

    private static boolean nameTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        StringBuilder digits = new StringBuilder();
        BigInteger value = new BigInteger(1, random);
        BigInteger base = BigInteger.valueOf(BASE62.length());
        while (value.signum() > 0) {
            BigInteger[] division = value.divideAndRemainder(base);
            digits.append(BASE62.charAt(division[1].intValue()));
            value = division[0];
        }
        while (digits.length() < SECRET_CHARACTERS) {
            digits.append('0');
        }
        return PREFIX + digits.reverse();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
