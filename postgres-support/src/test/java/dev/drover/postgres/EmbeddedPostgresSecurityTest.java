package dev.drover.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL trusted every connection from 127.0.0.1 and the hub used its superuser:
 * any local user could {@code COPY ... TO PROGRAM} as the user running Drover.
 */
class EmbeddedPostgresSecurityTest {

    @Test
    void embeddedPostgresLetsNoLocalUserInWithoutThePassword(@TempDir Path state) throws Exception {
        String superuserPassword = PostgresServer.randomSecret();
        Path data = state.resolve("postgres");
        try (PostgresServer server = PostgresServer.embedded(data, state.resolve("logs/postgres.log"), 0, superuserPassword)) {
            assertThatThrownBy(() -> PostgresServer.connect("127.0.0.1", server.port(), "postgres", "", "postgres"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> PostgresServer.connect("127.0.0.1", server.port(), "postgres", "guess", "postgres"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            if (isRoot() && onPath("setpriv") && onPath("psql")) {
                Process nobody = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "psql", "-w", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "postgres",
                        "-d", "postgres", "-c", "copy (select 1) to program 'true'")
                        .redirectErrorStream(true)
                        .start();
                String output = new String(nobody.getInputStream().readAllBytes());
                assertThat(nobody.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(nobody.exitValue()).as(output).isNotZero();
                assertThat(output).contains("password");
            }
            try (Connection connection = server.connect("postgres");
                    ResultSet socket = connection.createStatement().executeQuery("SHOW unix_socket_directories")) {
                socket.next();
                assertThat(socket.getString(1)).as("no Unix socket").isEmpty();
            }
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust").contains("scram-sha-256");
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(state.resolve("logs/postgres.log")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void hubRoleOwnsItsDatabaseButCannotRunServerPrograms(@TempDir Path state) throws Exception {
        try (PostgresServer server = PostgresServer.embedded(state.resolve("postgres"), state.resolve("postgres.log"), 0,
                PostgresServer.randomSecret())) {
            PostgresServer.Login login = server.ensureOwnedDatabase("drover", PostgresServer.randomSecret());
            try (Connection hub = PostgresServer.connect("127.0.0.1", server.port(), login.user(), login.password(), "drover")) {
                hub.createStatement().execute("CREATE TABLE accounts (name text)");
                assertThatThrownBy(() -> hub.createStatement().execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                try (ResultSet role = hub.createStatement().executeQuery(
                        "SELECT rolsuper, rolcreaterole, rolcreatedb, pg_has_role(current_user, 'pg_execute_server_program', 'USAGE')"
                                + " FROM pg_roles WHERE rolname = current_user")) {
                    role.next();
                    assertThat(List.of(role.getBoolean(1), role.getBoolean(2), role.getBoolean(3), role.getBoolean(4)))
                            .containsOnly(false);
                }
            }
            assertThatThrownBy(() -> PostgresServer.connect("127.0.0.1", server.port(), login.user(), "", "drover"))
                    .isInstanceOf(SQLException.class);
        }
    }

    /**
     * A state directory made by an older Drover (initdb {@code -A trust}, everything owned by the
     * superuser) is secured on the next start and keeps its data.
     */
    @Test
    void olderTrustClusterIsSecuredOnStartAndKeepsItsData(@TempDir Path state) throws Exception {
        Path data = state.resolve("postgres");
        Path log = state.resolve("postgres.log");
        int port = createOlderCluster(data, log);
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

        String superuserPassword = PostgresServer.randomSecret();
        try (PostgresServer server = PostgresServer.embedded(data, log, port, superuserPassword)) {
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> PostgresServer.connect("127.0.0.1", port, "postgres", "", "drover"))
                    .isInstanceOf(SQLException.class);
            PostgresServer.Login login = server.ensureOwnedDatabase("drover", PostgresServer.randomSecret());
            try (Connection hub = PostgresServer.connect("127.0.0.1", port, login.user(), login.password(), "drover")) {
                try (ResultSet rows = hub.createStatement().executeQuery("SELECT name FROM accounts ORDER BY id")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("admin");
                }
                hub.createStatement().execute("ALTER TABLE accounts ADD COLUMN disabled boolean NOT NULL DEFAULT false");
                hub.createStatement().execute("INSERT INTO accounts (name) VALUES ('second')");
                hub.createStatement().execute("ALTER VIEW account_names RENAME TO account_list");
                try (ResultSet owners = hub.createStatement().executeQuery(
                        "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = 'public'")) {
                    List<String> all = new ArrayList<>();
                    while (owners.next()) {
                        all.add(owners.getString(1));
                    }
                    assertThat(all).containsExactly("drover");
                }
            }
        }
        try (PostgresServer again = PostgresServer.embedded(data, log, port, superuserPassword);
                Connection connection = again.connect("drover");
                ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM accounts")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
    }

    /** Makes a cluster as Drover did before: password-less trust, the database and its tables owned by the superuser. */
    private static int createOlderCluster(Path data, Path log) throws Exception {
        PostgresBinaries binaries = PostgresBinaries.unpacked();
        run(binaries.command("initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8"), log);
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process postmaster = new ProcessBuilder(binaries.command("postgres", "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-F"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            awaitTrust(port);
            try (Connection connection = PostgresServer.connect("127.0.0.1", port, "postgres", "", "postgres")) {
                connection.createStatement().execute("CREATE DATABASE drover");
            }
            try (Connection connection = PostgresServer.connect("127.0.0.1", port, "postgres", "", "drover")) {
                connection.createStatement().execute("CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY, name text);"
                        + " CREATE SEQUENCE tickets; CREATE TABLE serials (id serial);"
                        + " CREATE VIEW account_names AS SELECT name FROM accounts;"
                        + " INSERT INTO accounts (name) VALUES ('admin')");
            }
        } finally {
            run(binaries.command("pg_ctl", "stop", "-D", data.toString(), "-m", "fast", "-w"), log);
            postmaster.waitFor(30, TimeUnit.SECONDS);
        }
        return port;
    }

    private static void awaitTrust(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Connection connection = PostgresServer.connect("127.0.0.1", port, "postgres", "", "postgres")) {
                return;
            } catch (SQLException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the older cluster did not start");
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
