package dev.drover.hub.auth.service;

import dev.drover.hub.config.HubConfig;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signs every token the hub hands out with its key pair. */
@ApplicationScoped
public class TokenIssuer {

    public static final String HOST_ROLE = "host";

    private final SigningKeys keys;
    private final HubConfig config;

    public TokenIssuer(SigningKeys keys, HubConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A person's login token. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A person's login token; {@code loginSessionId} becomes its {@code jti}, checked on every request. */
    @WithSpan
    public Issued forUser(UUID loginSessionId, String username, Set<String> roles) {
        Instant expiresAt = Instant.now().plus(config.sessionTokenTtl());
        String token = Jwt.issuer(TokenVerification.ISSUER)
                .audience(TokenVerification.HUB_AUDIENCE)
                .claim("jti", loginSessionId.toString())
                .subject(username)
                .upn(username)
                .groups(roles)
                .expiresAt(expiresAt)
                .jws()
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new Issued(token, expiresAt);
    }

    /** A daemon's host credential: subject the host id, group {@code host}, {@code jti} the credential id. */
    @WithSpan
    public String forHost(UUID hostId, UUID credentialId) {
        return Jwt.issuer(TokenVerification.ISSUER)
                .audience(TokenVerification.HUB_AUDIENCE)
                .claim("jti", credentialId.toString())
                .subject(hostId.toString())
                .upn("host:" + hostId)
                .groups(Set.of(HOST_ROLE))
                .expiresAt(Instant.now().plus(config.hostCredentialTtl()))
                .jws()
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }

    /**
     * A session's telemetry token for the ingest: audience {@code drover-ingest}, subject the session id, and its
     * agent profile ({@code drover.profile}), whose usage mapping alone reads the session's exports.
     */
    @WithSpan
    public String forTelemetry(UUID sessionId, UUID hostId, String profile) {
        return Jwt.issuer(TokenVerification.ISSUER)
                .audience(TokenVerification.INGEST_AUDIENCE)
                .subject(sessionId.toString())
                .claim("drover.host.id", hostId.toString())
                .claim("drover.profile", profile)
                .expiresAt(Instant.now().plus(config.telemetryTokenTtl()))
                .jws()
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }
}
