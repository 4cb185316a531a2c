package dev.drover.system.bench;

import dev.drover.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What durable commits cost the embedded PostgreSQL (fsync and synchronous commit on, as
 * {@code drover up} runs it), against commits that do not wait for the WAL flush (the old
 * {@code synchronous_commit=off}; fsync then only matters for the background flush). One
 * connection updates one row {@value #COMMITS} times in autocommit, as a PATCH does, then a
 * second series inserts rows. Run by {@code ./mvnw -B verify -Pbenchmarks}; rewrites its section
 * of docs/benchmarks.md.
 */
class CommitDurabilityBenchmark {

    private static final int WARMUP = 200;
    private static final int COMMITS = 2000;
    private static final String SECTION = "## Commit durability of the embedded PostgreSQL";

    @Test
    void measureCommitLatency(@TempDir Path state) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (PostgresServer server = PostgresServer.embedded(state.resolve("postgres"), state.resolve("postgres.log"), 0,
                PostgresServer.randomSecret())) {
            try (Connection connection = server.connect("postgres")) {
                connection.createStatement().execute("CREATE TABLE latest (id int PRIMARY KEY, seq bigint NOT NULL);"
                        + " INSERT INTO latest VALUES (1, 0); CREATE TABLE events (id bigserial PRIMARY KEY, body text)");
            }
            for (String commit : new String[] {"on", "off"}) {
                for (String statement : new String[] {"UPDATE latest SET seq = ? WHERE id = 1",
                        "INSERT INTO events (body) VALUES ('event ' || ?)"}) {
                    long[] nanos = measure(server, commit, statement);
                    Arrays.sort(nanos);
                    long total = Arrays.stream(nanos).sum();
                    rows.append(String.format(Locale.ROOT, "| %s | %s | %.0f/s | %d µs | %d µs |%n",
                            commit.equals("on") ? "durable (fsync on, synchronous_commit on)" : "synchronous_commit off (before)",
                            statement.startsWith("UPDATE") ? "UPDATE one row" : "INSERT one row",
                            COMMITS / (total / 1e9), nanos[COMMITS / 2] / 1000, nanos[COMMITS * 99 / 100] / 1000));
                }
            }
        }
        System.out.print(rows);
        Path report = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize().resolve("docs/benchmarks.md");
        String existing = Files.readString(report);
        int start = existing.indexOf(SECTION);
        assertThat(start).as("docs/benchmarks.md has a section '" + SECTION + "'").isNotNegative();
        int tableStart = existing.indexOf("| commits |", start);
        int tableEnd = existing.indexOf("\n\n", tableStart);
        String table = "| commits | statement | rate | p50 | p99 |\n|---|---|---|---|---|\n" + rows.toString().stripTrailing();
        Files.writeString(report, existing.substring(0, tableStart) + table + existing.substring(tableEnd));
    }

    /** The duration of each of {@value #COMMITS} autocommitted statements on one connection, after {@value #WARMUP} unmeasured ones. */
    private static long[] measure(PostgresServer server, String synchronousCommit, String sql) throws SQLException {
        try (Connection connection = server.connect("postgres")) {
            connection.createStatement().execute("SET synchronous_commit = " + synchronousCommit);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                long[] nanos = new long[COMMITS];
                for (int i = -WARMUP; i < COMMITS; i++) {
                    statement.setLong(1, i);
                    long begin = System.nanoTime();
                    statement.executeUpdate();
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - begin;
                    }
                }
                return nanos;
            }
        }
    }
}
