package dev.drover.cli.stack;

import java.nio.file.Path;

/**
 * Where things are: {@code home} is the Drover checkout (holding each service's built jar),
 * {@code state} the directory that keeps data between runs.
 */
public record StackLayout(Path home, Path state) {

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
