package dev.drover.hub.host.service;

import dev.drover.hub.auth.service.TokenIssuer;
import dev.drover.hub.config.HubConfig;
import dev.drover.hub.daemon.service.DaemonRegistry;
import dev.drover.hub.host.repository.Host;
import dev.drover.hub.host.repository.HostRepository;
import dev.drover.hub.host.repository.JoinToken;
import dev.drover.hub.host.repository.JoinTokenRepository;
import dev.drover.hub.host.rest.Enrollment;
import dev.drover.hub.host.rest.HostCreated;
import dev.drover.hub.host.rest.HostView;
import dev.drover.hub.problem.ProblemException;
import dev.drover.hub.session.repository.SessionRepository;
import dev.drover.hub.session.repository.SessionState;
import dev.drover.protocol.daemon.DaemonMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Hosts, their enrolment and what their daemons report about themselves. */
@ApplicationScoped
public class HostService {

    /** Close code sent to a daemon whose host was removed; its next upgrade answers 403. */
    public static final int HOST_REMOVED = 4403;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostRepository hosts;
    private final JoinTokenRepository joinTokens;
    private final SessionRepository sessions;
    private final DaemonRegistry daemons;
    private final TokenIssuer tokens;
    private final HubConfig config;

    public HostService(HostRepository hosts, JoinTokenRepository joinTokens, SessionRepository sessions,
            DaemonRegistry daemons, TokenIssuer tokens, HubConfig config) {
        this.hosts = hosts;
        this.joinTokens = joinTokens;
        this.sessions = sessions;
        this.daemons = daemons;
        this.tokens = tokens;
        this.config = config;
    }

    @WithSpan
    @WithTransaction
    public Uni<HostCreated> create(String name) {
        return hosts.count("name = ?1 and revoked = false", name)
                .invoke(existing -> {
                    if (existing > 0) {
                        throw ProblemException.conflict("a host named " + name + " exists");
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
                            .map(ignored -> new HostCreated(view(host), joinToken, stored.expiresAt));
                });
    }

    @WithSpan
    public Uni<List<HostView>> list() {
        return hosts.listActive()
                .map(found -> found.stream().map(this::view).toList());
    }

    @WithSpan
    public Uni<HostView> get(UUID id) {
        return findActive(id).map(this::view);
    }

    /** The active host or a 404 problem. */
    public Uni<Host> findActive(UUID id) {
        return hosts.findActive(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no host " + id));
    }

    /** Revokes the host, ends its live sessions with {@code host-removed} and closes its daemon's socket. */
    @WithSpan
    public Uni<Void> delete(UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> findActive(id)
                        .invoke(host -> host.revoked = true)
                        .chain(() -> sessions.listLive(id))
                        .invoke(live -> live.forEach(session -> {
                            session.state = SessionState.LOST;
                            session.stopReason = "host-removed";
                            session.endedAt = now;
                        })))
                .invoke(() -> daemons.find(id).ifPresent(link -> link.disconnect(HOST_REMOVED, "host removed")))
                .replaceWithVoid();
    }

    /** Trades a join token for a host credential; 401 for an unknown, expired or used token. */
    @WithSpan
    @WithTransaction
    public Uni<Enrollment> enroll(String joinToken, String hostname) {
        String hash = sha256(joinToken);
        Instant now = Instant.now();
        return joinTokens.findRedeemable(hash, now)
                .onItem().ifNull().failWith(() -> ProblemException.unauthorized(
                        "the join token is unknown, expired or already used"))
                .invoke(token -> token.usedAt = now)
                .chain(token -> hosts.findActive(token.hostId))
                .onItem().ifNull().failWith(() -> ProblemException.unauthorized("the host of this join token was removed"))
                .invoke(host -> {
                    host.enrolledAt = now;
                    if (hostname != null && !hostname.isBlank()) {
                        host.hostname = hostname;
                    }
                })
                .map(host -> new Enrollment(host.id, tokens.forHost(host.id)));
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

    @WithSpan
    @WithTransaction
    public Uni<Void> recordSeen(UUID hostId) {
        return hosts.findById(hostId)
                .invoke(host -> host.lastSeenAt = Instant.now())
                .replaceWithVoid();
    }

    public HostView view(Host host) {
        return new HostView(host.id, host.name, daemons.isOnline(host.id), host.hostname, host.os,
                host.daemonVersion, host.lastSeenAt, host.createdAt, host.enrolledAt != null);
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
