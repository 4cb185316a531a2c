package dev.drover.hub.host.service;

import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.error.ConflictException;
import dev.drover.hub.error.InvalidException;
import dev.drover.hub.error.NotAuthenticatedException;
import dev.drover.hub.error.NotFoundException;
import dev.drover.hub.error.NotPermittedException;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.host.repository.JoinToken;
import dev.drover.hub.host.repository.JoinTokenRepository;
import dev.drover.hub.host.repository.OfferedProfiles;
import dev.drover.hub.link.DaemonRegistry;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.HostHealth;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Hosts, their enrolment and what their daemons report about themselves. */
@ApplicationScoped
public class HostService {

    /** Close code sent to a daemon whose host was removed; its next upgrade answers 403. */
    public static final int HOST_REMOVED = 4403;
    /** A host name: 1-64 letters, digits, dots, underscores and dashes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_LABELS = 20;
    private static final int MAX_LABEL_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostRepository hosts;
    private final JoinTokenRepository joinTokens;
    private final Event<HostRevoked> revocations;
    private final DaemonRegistry daemons;
    private final TokenIssuer tokens;
    private final HubConfig config;

    public HostService(HostRepository hosts, JoinTokenRepository joinTokens, Event<HostRevoked> revocations,
            DaemonRegistry daemons, TokenIssuer tokens, HubConfig config) {
        this.hosts = hosts;
        this.joinTokens = joinTokens;
        this.revocations = revocations;
        this.daemons = daemons;
        this.tokens = tokens;
        this.config = config;
    }

    @WithSpan
    @WithTransaction
    public Uni<NewHost> create(String name) {
        if (!NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(invalidName());
        }
        return hosts.count("name = ?1 and removed = false", name)
                .invoke(existing -> {
                    if (existing > 0) {
                        throw new ConflictException("a host named " + name + " exists");
                    }
                })
                .chain(() -> {
                    Host host = new Host();
                    host.id = UUID.randomUUID();
                    host.name = name;
                    host.createdAt = Instant.now();
                    return hosts.persist(host);
                })
                .chain(host -> {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    String joinToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    JoinToken stored = new JoinToken();
                    stored.tokenHash = sha256(joinToken);
                    stored.hostId = host.id;
                    stored.expiresAt = Instant.now().plus(config.joinTokenTtl());
                    return joinTokens.persist(stored)
                            .map(ignored -> new NewHost(host, joinToken, stored.expiresAt));
                });
    }

    @WithSpan
    public Uni<List<Host>> list() {
        return hosts.listListed();
    }

    @WithSpan
    public Uni<Host> get(UUID id) {
        return findListed(id);
    }

    private static InvalidException invalidName() {
        return new InvalidException("a host name is 1-64 letters, digits, dots, underscores or dashes");
    }

    /** Renames the host and/or replaces its labels; refused when the name or labels are invalid or the name is taken. */
    @WithSpan
    @WithTransaction
    public Uni<Host> update(UUID id, String name, Map<String, String> labels) {
        if (name != null && !NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(invalidName());
        }
        if (labels != null) {
            String invalid = invalidLabels(labels);
            if (invalid != null) {
                return Uni.createFrom().failure(new InvalidException(invalid));
            }
        }
        return findListed(id)
                .call(host -> name == null || name.equals(host.name)
                        ? Uni.createFrom().voidItem()
                        : hosts.count("name = ?1 and removed = false and id <> ?2", name, id).invoke(taken -> {
                            if (taken > 0) {
                                throw new ConflictException("a host named " + name + " exists");
                            }
                        }))
                .invoke(host -> {
                    if (name != null) {
                        host.name = name;
                    }
                    if (labels != null) {
                        host.labels = new LinkedHashMap<>(labels);
                    }
                });
    }

    /**
     * Revokes the host's credential: its daemon's socket closes now and its next upgrade answers 403;
     * its live sessions end as {@code lost} with {@code host-revoked}. The host stays listed.
     */
    @WithSpan
    public Uni<Host> revoke(UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> findListed(id)
                        .call(host -> {
                            if (!host.revoked) {
                                host.revoked = true;
                                host.revokedAt = now;
                            }
                            return endLiveSessions(id, "host-revoked", now);
                        }))
                .invoke(() -> daemons.find(id).ifPresent(link -> link.disconnect(HOST_REMOVED, "host revoked")));
    }

    /** The active host, or {@link NotFoundException}. */
    public Uni<Host> findActive(UUID id) {
        return hosts.findActive(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no host " + id));
    }

    /** The listed (not removed) host, or {@link NotFoundException}. */
    public Uni<Host> findListed(UUID id) {
        return hosts.findListed(id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no host " + id));
    }

    /** Removes and revokes the host, ends its live sessions with {@code host-removed} and closes its daemon's socket. */
    @WithSpan
    public Uni<Void> delete(UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> findListed(id)
                        .call(host -> {
                            host.removed = true;
                            if (!host.revoked) {
                                host.revoked = true;
                                host.revokedAt = now;
                            }
                            return endLiveSessions(id, "host-removed", now);
                        }))
                .invoke(() -> daemons.find(id).ifPresent(link -> link.disconnect(HOST_REMOVED, "host removed")))
                .replaceWithVoid();
    }

    /** Tells the features that what ran on the host ended with {@code reason}, in the caller's transaction. */
    private Uni<Void> endLiveSessions(UUID hostId, String reason, Instant now) {
        HostRevoked revoked = new HostRevoked(hostId, reason, now);
        revocations.fire(revoked);
        return revoked.work();
    }

    private static String invalidLabels(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            return "a host has at most " + MAX_LABELS + " labels";
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            String value = label.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_LABEL_LENGTH || value == null
                    || value.length() > MAX_LABEL_LENGTH) {
                return "label keys are 1-" + MAX_LABEL_LENGTH + " characters and values at most " + MAX_LABEL_LENGTH;
            }
            if (hasControl(key) || hasControl(value)) {
                return "labels must not contain control characters";
            }
        }
        return null;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** Trades a join token for a host credential; refused for an unknown, expired or used token. */
    @WithSpan
    @WithTransaction
    public Uni<HostCredential> enroll(String joinToken, String hostname) {
        String hash = sha256(joinToken);
        Instant now = Instant.now();
        return joinTokens.findRedeemable(hash, now)
                .onItem().ifNull().failWith(() -> new NotAuthenticatedException(
                        "the join token is unknown, expired or already used"))
                .invoke(token -> token.usedAt = now)
                .chain(token -> hosts.findActive(token.hostId))
                .onItem().ifNull().failWith(() -> new NotAuthenticatedException("the host of this join token was removed"))
                .invoke(host -> {
                    host.enrolledAt = now;
                    if (hostname != null && !hostname.isBlank()) {
                        host.hostname = hostname;
                    }
                })
                .map(this::newCredential);
    }

    /**
     * Trades a host's credential ({@code jti} {@code credentialId}) for a fresh one; the old one stays
     * accepted until the next renewal. Not permitted for a revoked or removed host; not authenticated
     * with a credential that was replaced twice since.
     */
    @WithSpan
    @WithTransaction
    public Uni<HostCredential> renewCredential(UUID hostId, UUID credentialId) {
        return hosts.findActive(hostId)
                .onItem().ifNull().failWith(() -> new NotPermittedException("this host was revoked or removed"))
                .invoke(host -> {
                    if (!host.acceptsCredential(credentialId)) {
                        throw new NotAuthenticatedException("this host credential was replaced; the daemon must use its newest one");
                    }
                })
                .map(this::newCredential);
    }

    private HostCredential newCredential(Host host) {
        UUID id = UUID.randomUUID();
        host.previousCredentialId = host.credentialId;
        host.credentialId = id;
        return new HostCredential(host.id, tokens.forHost(host.id, id));
    }

    /** Records what a daemon said about its machine in {@code hello}. */
    @WithSpan
    @WithTransaction
    public Uni<Void> recordHello(UUID hostId, DaemonMessage.Hello hello) {
        return hosts.findById(hostId)
                .invoke(host -> {
                    host.hostname = hello.hostname();
                    host.os = hello.os();
                    host.arch = hello.arch();
                    host.daemonVersion = hello.daemonVersion();
                    host.lastSeenAt = Instant.now();
                })
                .replaceWithVoid();
    }

    /** Keeps the health a daemon reported in its latest heartbeat. */
    @WithSpan
    @WithTransaction
    public Uni<Void> recordHeartbeat(UUID hostId, HostHealth health) {
        return hosts.findById(hostId)
                .invoke(host -> {
                    if (host != null) {
                        Instant now = Instant.now();
                        host.health = health;
                        host.lastHeartbeatAt = now;
                        host.lastSeenAt = now;
                    }
                })
                .replaceWithVoid();
    }

    /** Records the agent profiles a host's daemon offers. */
    @WithSpan
    @WithTransaction
    public Uni<Void> recordProfiles(UUID hostId, DaemonMessage.Profiles offer) {
        return hosts.findById(hostId)
                .invoke(host -> {
                    if (host != null) {
                        host.profiles = new OfferedProfiles(offer.profiles(), offer.problems());
                    }
                })
                .replaceWithVoid();
    }

    @WithSpan
    @WithTransaction
    public Uni<Void> recordSeen(UUID hostId) {
        return hosts.findById(hostId)
                .invoke(host -> host.lastSeenAt = Instant.now())
                .replaceWithVoid();
    }

    /** Whether the host may run sessions now: not revoked, and its daemon connected and heard from lately. */
    public boolean online(Host host) {
        return !host.revoked && daemons.isOnline(host.id);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
