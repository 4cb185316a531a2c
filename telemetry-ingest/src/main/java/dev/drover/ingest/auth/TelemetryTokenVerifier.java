package dev.drover.ingest.auth;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;

/**
 * Checks the per-session telemetry token of an export (RS256 JWT from the hub, issuer {@code drover-hub},
 * audience {@code drover-ingest}) against the hub's JWKS and returns the Drover session it was issued for, with
 * the session's agent profile ({@value #PROFILE_CLAIM} claim).
 * The keys are fetched when first needed, so the ingest may start before the hub.
 */
@ApplicationScoped
public class TelemetryTokenVerifier {

    private static final Logger LOG = Logger.getLogger(TelemetryTokenVerifier.class);
    private static final String BEARER = "bearer ";
    /** The claim naming the session's agent profile, whose usage mapping reads the session's exports. */
    public static final String PROFILE_CLAIM = "drover.profile";

    private final JWTParser parser;

    public TelemetryTokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /**
     * @param authorization the {@code Authorization} header or gRPC metadata value, may be null
     * @return the session (the token's subject) and its profile
     * @throws InvalidTelemetryTokenException when the token is missing or not valid
     * @throws HubUnavailableException when the hub's keys cannot be fetched
     */
    @WithSpan
    public ExportingSession sessionOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTelemetryTokenException("missing bearer telemetry token");
        }
        String token = authorization.substring(BEARER.length()).trim();
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new InvalidTelemetryTokenException("telemetry token has no subject");
            }
            return new ExportingSession(subject, profileOf(jwt.getClaim(PROFILE_CLAIM)));
        } catch (ParseException e) {
            if (causedByIo(e)) {
                LOG.warnf("cannot fetch the hub's token keys: %s", e.getMessage());
                throw new HubUnavailableException("the hub's token keys cannot be fetched right now; retry later", e);
            }
            LOG.debugf("rejected telemetry token: %s", e.getMessage());
            throw new InvalidTelemetryTokenException("invalid telemetry token");
        }
    }

    private static Optional<String> profileOf(Object claim) {
        String profile = claim instanceof JsonString json ? json.getString() : claim instanceof String text ? text : null;
        return Optional.ofNullable(profile).filter(p -> !p.isBlank());
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
