package dev.drover.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class StackSecretsTest {

    @Test
    void secretsAreGeneratedOnceAndKeptReadableByTheOwnerOnly(@TempDir Path state) throws Exception {
        Path file = state.resolve("secrets.properties");
        StackSecrets first = StackSecrets.loadOrCreate(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(StackSecrets.loadOrCreate(file)).isEqualTo(first);
        assertThat(first.postgresPassword()).isNotEqualTo(first.databasePassword()).hasSizeGreaterThanOrEqualTo(43);
    }

    /** A file written by an older Drover (world-readable, without database passwords) keeps its secrets and gains the new ones. */
    @Test
    void olderSecretsFileKeepsItsSecretsAndGainsTheDatabasePasswords(@TempDir Path state) throws Exception {
        Path file = state.resolve("secrets.properties");
        Files.writeString(file, "admin-password=old-admin\ningest-secret=old-ingest\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StackSecrets secrets = StackSecrets.loadOrCreate(file);
        assertThat(secrets.adminPassword()).isEqualTo("old-admin");
        assertThat(secrets.ingestSecret()).isEqualTo("old-ingest");
        assertThat(secrets.postgresPassword()).isNotBlank();
        assertThat(StackSecrets.loadOrCreate(file)).isEqualTo(secrets);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    /** Logs and state directories were world-readable; logs tell what sessions do. */
    @Test
    void stateAndLogsAreReadableByTheOwnerOnlyEvenWhenAnOlderDroverMadeThemOpen(@TempDir Path home) throws Exception {
        Path state = home.resolve("state");
        Files.createDirectories(state.resolve("logs"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(state.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path oldLog = state.resolve("logs/hub.log");
        Files.writeString(oldLog, "old\n");
        Files.setPosixFilePermissions(oldLog, PosixFilePermissions.fromString("rw-r--r--"));
        StackLayout layout = new StackLayout(home, state);
        layout.prepare();
        assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(layout.logs())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        Path jar = home.resolve("service.jar");
        Files.writeString(jar, "not a jar");
        try (ServiceProcess hub = ServiceProcess.start("hub", java.util.List.of(), jar, ServiceJvm.HUB, java.util.Map.of(), oldLog);
                ServiceProcess fresh = ServiceProcess.start("ingest", java.util.List.of(), jar, ServiceJvm.INGEST, java.util.Map.of(),
                        layout.logs().resolve("ingest.log"))) {
            assertThat(Files.getPosixFilePermissions(oldLog)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(fresh.log())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }
}
