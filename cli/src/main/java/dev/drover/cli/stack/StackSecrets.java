package dev.drover.cli.stack;

import dev.drover.postgres.PostgresServer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets of the embedded default: the first admin's password, the secret the ingest presents to
 * the hub, the private PostgreSQL's superuser password and the password of the role the hub
 * connects as. Generated on first run and kept in a 0600 file so later runs reuse them; a file
 * written by an older Drover gets the ones it lacks.
 */
public record StackSecrets(String adminPassword, String ingestSecret, String postgresPassword, String databasePassword) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN_PASSWORD = "admin-password";
    private static final String INGEST_SECRET = "ingest-secret";
    private static final String POSTGRES_PASSWORD = "postgres-superuser-password";
    private static final String DATABASE_PASSWORD = "hub-database-password";

    public static StackSecrets generate() {
        return new StackSecrets(random(18), random(32), PostgresServer.randomSecret(), PostgresServer.randomSecret());
    }

    /**
     * Reads {@code file}, or generates secrets and writes them there (mode 0600) when it is
     * missing; fills in the secrets an older file lacks and makes it 0600 again.
     */
    public static StackSecrets loadOrCreate(Path file) {
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            }
            StackSecrets fresh = generate();
            boolean changed = putMissing(properties, ADMIN_PASSWORD, fresh.adminPassword())
                    | putMissing(properties, INGEST_SECRET, fresh.ingestSecret())
                    | putMissing(properties, POSTGRES_PASSWORD, fresh.postgresPassword())
                    | putMissing(properties, DATABASE_PASSWORD, fresh.databasePassword());
            if (changed) {
                write(file, properties);
            } else {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new StackSecrets(properties.getProperty(ADMIN_PASSWORD), properties.getProperty(INGEST_SECRET),
                    properties.getProperty(POSTGRES_PASSWORD), properties.getProperty(DATABASE_PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
    }

    private static boolean putMissing(Properties properties, String key, String value) {
        return properties.putIfAbsent(key, value) == null;
    }

    /** Writes a new file next to {@code file}, created 0600, and moves it into place. */
    private static void write(Path file, Properties properties) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(next)) {
            properties.store(writer, "Drover embedded default: generated secrets; keep private");
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
