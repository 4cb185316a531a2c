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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class PostgresServerTest {

    @Test
    void embeddedServerKeepsItsDataAcrossRestarts(@TempDir Path state) throws Exception {
        String superuser = PostgresServer.randomSecret();
        String owner = PostgresServer.randomSecret();
        try (PostgresServer first = PostgresServer.embedded(state.resolve("postgres"), state.resolve("postgres.log"), 0, superuser)) {
            PostgresServer.Login login = first.ensureOwnedDatabase("drover", owner);
            try (Connection connection = PostgresServer.connect("127.0.0.1", first.port(), login.user(), login.password(), "drover")) {
                connection.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            }
        }
        try (PostgresServer second = PostgresServer.embedded(state.resolve("postgres"), state.resolve("postgres.log"), 0, superuser)) {
            PostgresServer.Login login = second.ensureOwnedDatabase("drover", owner);
            try (Connection connection = PostgresServer.connect("127.0.0.1", second.port(), login.user(), login.password(), "drover");
                    ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void testServerOnTheMachineHandsOutSeparateDatabases() throws Exception {
        PostgresServer server = PostgresServer.forTests();
        String a = server.createDatabase("drover_t");
        String b = server.createDatabase("drover_t");
        assertThat(a).isNotEqualTo(b).startsWith("drover_t_");
        try (Connection connection = server.connect(a)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    /**
     * Tests against a stock, password-protected PostgreSQL failed with "SCRAM-based authentication,
     * but the password is an empty string": there was no setting for the password. A private
     * cluster stands in for such a server (it asks every connection for a password); the test
     * settings name a role with a password on it.
     */
    @Test
    void testsRunAgainstAPasswordProtectedServer(@TempDir Path state) throws Exception {
        try (PostgresServer stock = PostgresServer.embedded(state.resolve("postgres"), state.resolve("postgres.log"), 0,
                PostgresServer.randomSecret())) {
            String password = PostgresServer.randomSecret();
            try (Connection admin = stock.connect("postgres")) {
                admin.createStatement().execute("CREATE ROLE tester LOGIN CREATEDB CREATEROLE PASSWORD '" + password + "'");
            }
            Map<String, String> environment = Map.of(
                    PostgresServer.TestSettings.HOST, "127.0.0.1",
                    PostgresServer.TestSettings.PORT, Integer.toString(stock.port()),
                    PostgresServer.TestSettings.USER, "tester",
                    PostgresServer.TestSettings.PASSWORD, password);
            try (PostgresServer server = PostgresServer.forTests(PostgresServer.TestSettings.from(environment))) {
                assertThat(server.isEmbedded()).isFalse();
                String database = server.createDatabase("drover_pw");
                PostgresServer.Login owned = server.ensureOwnedDatabase(server.createDatabase("drover_owned"), password);
                try (Connection connection = server.connect(database);
                        ResultSet user = connection.createStatement().executeQuery("SELECT current_user")) {
                    user.next();
                    assertThat(user.getString(1)).isEqualTo("tester");
                }
                try (Connection connection = PostgresServer.connect("127.0.0.1", stock.port(), owned.user(), owned.password(),
                        owned.database())) {
                    assertThat(connection.isValid(2)).isTrue();
                }
            }
            try (Connection admin = stock.connect("postgres");
                    ResultSet left = admin.createStatement().executeQuery(
                            "SELECT count(*) FROM pg_database WHERE datname LIKE 'drover_%'")) {
                left.next();
                assertThat(left.getInt(1)).as("the test databases are dropped on close").isZero();
            }
            Map<String, String> wrong = new java.util.HashMap<>(environment);
            wrong.put(PostgresServer.TestSettings.PASSWORD, "not-" + password);
            assertThatThrownBy(() -> PostgresServer.forTests(PostgresServer.TestSettings.from(wrong)))
                    .hasMessageContaining("refused tester")
                    .hasMessageContaining(PostgresServer.TestSettings.PASSWORD);
        }
    }

    /**
     * Each test JVM left a ~50 MB {@code drover-test-pg*} directory in the temp folder. With no
     * server on the configured port, the tests get an embedded one that needs a password and
     * leaves nothing behind.
     */
    @Test
    void embeddedTestServerNeedsAPasswordAndLeavesNothingBehind() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        int nobodyListens;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of(PostgresServer.TestSettings.PORT, Integer.toString(nobodyListens));
        Path directory;
        try (PostgresServer server = PostgresServer.forTests(PostgresServer.TestSettings.from(environment))) {
            assertThat(server.isEmbedded()).isTrue();
            directory = Files.list(temp)
                    .filter(path -> path.getFileName().toString().startsWith("drover-test-pg"))
                    .filter(path -> Files.exists(path.resolve("data/postmaster.pid")))
                    .filter(path -> readQuietly(path.resolve("data/postmaster.pid")).contains("\n" + server.port() + "\n"))
                    .findFirst().orElseThrow();
            assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            String database = server.createDatabase("drover_e");
            try (Connection connection = server.connect(database)) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThatThrownBy(() -> PostgresServer.connect("127.0.0.1", server.port(), "postgres", "", database))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(directory).doesNotExist();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
