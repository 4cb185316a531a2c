package dev.drover.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {

    @Test
    void embeddedServerKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
        try (PostgresServer first = PostgresServer.embedded(data, 0)) {
            first.ensureDatabase("drover");
            try (var connection = DriverManager.getConnection(first.jdbcUrl("drover"), "postgres", "")) {
                connection.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            }
        }
        try (PostgresServer second = PostgresServer.embedded(data, 0)) {
            second.ensureDatabase("drover");
            try (var connection = DriverManager.getConnection(second.jdbcUrl("drover"), "postgres", "");
                    ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void testServerHandsOutSeparateDatabases() throws Exception {
        PostgresServer server = PostgresServer.forTests();
        String a = server.createDatabase("drover_t");
        String b = server.createDatabase("drover_t");
        assertThat(a).isNotEqualTo(b).startsWith("drover_t_");
        try (var connection = DriverManager.getConnection(server.jdbcUrl(a), server.user(), "")) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }
}
