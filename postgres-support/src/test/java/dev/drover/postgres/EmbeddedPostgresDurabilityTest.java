package dev.drover.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL ran with fsync off and asynchronous commits: after a kill -9 during a
 * stream of acknowledged updates, the value read back was ten updates older than the last one
 * acknowledged.
 */
class EmbeddedPostgresDurabilityTest {

    @Test
    void killingPostgresLosesNoAcknowledgedWrite(@TempDir Path state) throws Exception {
        String password = PostgresServer.randomSecret();
        Path data = state.resolve("postgres");
        Path log = state.resolve("postgres.log");
        int port;
        long acknowledgedBeforeKill;
        try (PostgresServer server = PostgresServer.embedded(data, log, 0, password)) {
            port = server.port();
            try (Connection connection = server.connect("postgres")) {
                connection.createStatement().execute("CREATE TABLE latest (id int PRIMARY KEY, seq bigint NOT NULL);"
                        + " INSERT INTO latest VALUES (1, 0)");
            }
            AtomicLong acknowledged = new AtomicLong();
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                try (Connection connection = server.connect("postgres");
                        PreparedStatement update = connection.prepareStatement("UPDATE latest SET seq = ? WHERE id = 1")) {
                    for (long seq = 1; ; seq++) {
                        update.setLong(1, seq);
                        update.executeUpdate();
                        acknowledged.set(seq);
                    }
                } catch (SQLException e) {
                    // The server was killed: the stream of writes ends here.
                }
            });
            while (acknowledged.get() < 300) {
                Thread.sleep(10);
            }
            server.kill();
            writes.get(30, TimeUnit.SECONDS);
            acknowledgedBeforeKill = acknowledged.get();
            assertThat(server.isAlive()).isFalse();
        }
        try (PostgresServer recovered = PostgresServer.embedded(data, log, port, password);
                Connection connection = recovered.connect("postgres");
                ResultSet row = connection.createStatement().executeQuery("SELECT seq FROM latest WHERE id = 1")) {
            row.next();
            // The update in flight when the server died may have committed without its answer arriving.
            assertThat(row.getLong(1)).isBetween(acknowledgedBeforeKill, acknowledgedBeforeKill + 1);
        }
    }
}
