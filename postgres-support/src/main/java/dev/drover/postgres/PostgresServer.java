package dev.drover.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A running PostgreSQL server: either one that already listens (the machine's own) or a private
 * embedded one whose data lives in a directory of ours. Used by {@code drover up} and by tests.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);
    private static PostgresServer forTests;

    private final String host;
    private final int port;
    private final String user;
    private final EmbeddedPostgres embedded;
    private final java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean dropOnExit;

    private PostgresServer(String host, int port, String user, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    /** A server that already runs at {@code host:port}, reached as {@code user} (trust or password-less). */
    public static PostgresServer external(String host, int port, String user) {
        return new PostgresServer(host, port, user, null);
    }

    /**
     * Starts a private PostgreSQL whose data stays in {@code dataDirectory} between runs, listening
     * on 127.0.0.1:{@code port} ({@code 0} picks a free port).
     */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * The server tests use, one per JVM: {@code DROVER_TEST_PG_HOST}/{@code DROVER_TEST_PG_PORT}
     * when set, else the machine's server on 127.0.0.1:5432 when it answers, else an embedded one
     * in a temporary directory that is removed when the JVM exits. On a shared server, the
     * databases the tests created are dropped when the JVM exits.
     */
    public static synchronized PostgresServer forTests() {
        if (forTests == null) {
            String host = System.getenv().getOrDefault("DROVER_TEST_PG_HOST", "127.0.0.1");
            int port = Integer.parseInt(System.getenv().getOrDefault("DROVER_TEST_PG_PORT", "5432"));
            String user = System.getenv().getOrDefault("DROVER_TEST_PG_USER", "postgres");
            if (listens(host, port)) {
                PostgresServer shared = external(host, port, user);
                shared.dropOnExit = true;
                Runtime.getRuntime().addShutdownHook(new Thread(shared::dropCreatedDatabases, "test-databases-drop"));
                forTests = shared;
            } else {
                forTests = embedded(temporaryDirectory(), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(forTests::close, "embedded-postgres-stop"));
            }
        }
        return forTests;
    }

    /** Creates a database with a fresh random name and returns its name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        created.add(name);
        return name;
    }

    /** Creates {@code name} unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = connect("postgres");
                var query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            if (!query.executeQuery().next()) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
                created.add(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            }
        }
    }

    private void dropCreatedDatabases() {
        if (!dropOnExit) {
            return;
        }
        for (String name : created) {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql + "': "
                    + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, "");
    }

    private static boolean listens(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("drover-test-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
