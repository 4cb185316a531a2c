package dev.drover.ingest.auth;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Checks the per-session telemetry token of an export (RS256 JWT from the hub, issuer {@code drover-hub},
 * audience {@code drover-ingest}) against the hub's JWKS and returns the Drover session it was issued for.
 * The keys are fetched when first needed, so the ingest may start before the hub.
 */
@ApplicationScoped
public class TelemetryTokenVerifier {

    private static final Logger LOG = Logger.getLogger(TelemetryTokenVerifier.class);
    private static final String BEARER = "bearer ";

    private final JWTParser parser;

    public TelemetryTokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /**
     * @param authorization the {@code Authorization} header or gRPC metadata value, may be null
     * @return the session id (the token's subject)
     * @throws InvalidTelemetryTokenException when the token is missing or not valid
     * @throws HubUnavailableException when the hub's keys cannot be fetched
     */
    @WithSpan
    public String sessionOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTelemetryTokenException("missing bearer telemetry token");
        }
        String token = authorization.substring(BEARER.length()).trim();
        try {
            String subject = parser.parse(token).getSubject();
            if (subject == null || subject.isBlank()) {
                throw new InvalidTelemetryTokenException("telemetry token has no subject");
            }
            return subject;
        } catch (ParseException e) {
            if (causedByIo(e)) {
                LOG.warnf("cannot fetch the hub's token keys: %s", e.getMessage());
                throw new HubUnavailableException("the hub's token keys cannot be fetched right now; retry later", e);
            }
            LOG.debugf("rejected telemetry token: %s", e.getMessage());
            throw new InvalidTelemetryTokenException("invalid telemetry token");
        }
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
