package dev.drover.hub.auth.service;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * How the hub verifies the tokens it issued: its own public key (read from the data directory by
 * {@link SigningKeys}, so no key location has to exist before start), issuer {@code drover-hub},
 * audience {@code drover-hub} (telemetry tokens, audience {@code drover-ingest}, are refused),
 * taken from the {@code drover_session} cookie or the {@code Authorization: Bearer} header.
 */
@ApplicationScoped
public class TokenVerification {

    public static final String ISSUER = "drover-hub";
    public static final String HUB_AUDIENCE = "drover-hub";
    public static final String INGEST_AUDIENCE = "drover-ingest";
    public static final String COOKIE = "drover_session";

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    JWTAuthContextInfo contextInfo(SigningKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicVerificationKey(keys.publicKey());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(ISSUER);
        info.setExpectedAudience(Set.of(HUB_AUDIENCE));
        info.setTokenHeader("Cookie");
        info.setTokenCookie(COOKIE);
        info.setAlwaysCheckAuthorization(true);
        info.setTokenSchemes(List.of("Bearer"));
        return info;
    }
}
