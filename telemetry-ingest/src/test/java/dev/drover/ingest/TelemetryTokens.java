package dev.drover.ingest;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.security.PrivateKey;
import java.time.Duration;

/** Telemetry tokens as the hub mints them, signed with the test key whose public half the ingest trusts. */
public final class TelemetryTokens {

    /** The key id the test tokens carry. */
    public static final String KEY_ID = "test-key";

    private TelemetryTokens() {
    }

    /** {@code Bearer <token>} for the session, audience {@code drover-ingest}. */
    public static String bearer(String sessionId) {
        return "Bearer " + token(sessionId, "drover-ingest");
    }

    /** {@code Bearer <token>} for a session of the agent profile {@code profile}, as the hub mints them now. */
    public static String bearer(String sessionId, String profile) {
        return "Bearer " + Jwt.issuer("drover-hub")
                .audience("drover-ingest")
                .subject(sessionId)
                .claim("drover.profile", profile)
                .expiresIn(Duration.ofHours(1))
                .jws()
                .keyId(KEY_ID)
                .sign(signingKey());
    }

    /** A signed token for the session with the given audience, naming no profile (as tokens minted before V26 do). */
    public static String token(String sessionId, String audience) {
        return Jwt.issuer("drover-hub")
                .audience(audience)
                .subject(sessionId)
                .expiresIn(Duration.ofHours(1))
                .jws()
                .keyId(KEY_ID)
                .sign(signingKey());
    }

    private static PrivateKey signingKey() {
        try {
            return KeyUtils.readPrivateKey("telemetry-token-signing-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key is missing", e);
        }
    }
}
