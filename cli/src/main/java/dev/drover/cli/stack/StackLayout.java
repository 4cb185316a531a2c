package dev.drover.cli.stack;

import java.nio.file.Path;

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
}
