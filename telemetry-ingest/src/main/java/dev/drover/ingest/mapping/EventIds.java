package dev.drover.ingest.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Event ids derived from the data an event came from, so a resent export yields the same ids. */
public final class EventIds {

    private EventIds() {
    }

    /** SHA-256 (hex) over the parts, each terminated by a NUL so that parts cannot run into each other. */
    public static String of(Object... parts) {
        MessageDigest digest = sha256();
        for (Object part : parts) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
