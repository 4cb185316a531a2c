package dev.drover.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets of the embedded default: the first admin's password and the secret the ingest presents
 * to the hub. Generated on first run and kept in a 0600 file so later runs reuse them.
 */
public record StackSecrets(String adminPassword, String ingestSecret) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static StackSecrets generate() {
        return new StackSecrets(random(18), random(32));
    }

    /** Reads {@code file}, or generates secrets and writes them there (mode 0600) when it is missing. */
    public static StackSecrets loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
                return new StackSecrets(properties.getProperty("admin-password"), properties.getProperty("ingest-secret"));
            }
            StackSecrets secrets = generate();
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties properties = new Properties();
            properties.setProperty("admin-password", secrets.adminPassword());
            properties.setProperty("ingest-secret", secrets.ingestSecret());
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "Drover embedded default: generated secrets; keep private");
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
