package dev.drover.hub.session.service;

import java.security.SecureRandom;
import java.util.UUID;

/** Mints session ids: UUIDv7 (RFC 9562), so ids sort by creation time. */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long high = (millis << 16) | 0x7000L | randA;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
