package dev.drover.hub.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The CSRF token of a browser login: a digest of its session token, handed to the page in the
 * readable {@code drover_csrf} cookie and sent back in the {@code X-Drover-CSRF} header on every
 * write. Another site can neither read the cookie nor compute the digest of the HttpOnly session
 * cookie, and a cookie planted from a sibling origin does not match the session it rides with.
 */
public final class CsrfTokens {

    public static final String COOKIE = "drover_csrf";
    public static final String HEADER = "X-Drover-CSRF";

    private CsrfTokens() {
    }

    public static String forSession(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(sessionToken));
    }

    /** Whether {@code presented} is the CSRF token of {@code sessionToken}, compared in constant time. */
    public static boolean matches(String sessionToken, String presented) {
        if (presented == null) {
            return false;
        }
        byte[] expected = forSession(sessionToken).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] digest(String sessionToken) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("drover-csrf:".getBytes(StandardCharsets.US_ASCII));
            return sha256.digest(sessionToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
