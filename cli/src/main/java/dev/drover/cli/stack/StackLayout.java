package dev.drover.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where things are: {@code home} is the Drover checkout (holding each service's built jar),
 * {@code state} the directory that keeps data between runs, {@code daemonProfiles} the local
 * daemon's agent profile overrides ({@code null}: the daemon's default in the user's config).
 */
public record StackLayout(Path home, Path state, Path daemonProfiles) {

    /** The layout of {@code drover up}: the local daemon reads the user's own profile overrides. */
    public StackLayout(Path home, Path state) {
        this(home, state, null);
    }

    public Path hubJar() {
        return home.resolve("hub-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path ingestJar() {
        return home.resolve("telemetry-ingest/target/quarkus-app/quarkus-run.jar");
    }

    public Path daemonJar() {
        return home.resolve("host-daemon/target/quarkus-app/quarkus-run.jar");
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path postgresData() {
        return state.resolve("postgres");
    }

    public Path postgresLog() {
        return logs().resolve("postgres.log");
    }

    public Path secrets() {
        return state.resolve("secrets.properties");
    }

    /**
     * Creates the state and log directories readable by this user only (0700), and makes them so
     * when an older Drover created them open to everyone: they hold keys, secrets, session logs
     * and service logs.
     */
    public void prepare() {
        for (Path directory : new Path[] {state, logs()}) {
            try {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare " + directory, e);
            }
        }
    }
}
