package dev.drover.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A running PostgreSQL server: either one that already listens (the machine's own) or a private
 * embedded one whose data lives in a directory of ours ({@link EmbeddedCluster}: loopback only,
 * password authentication, durable commits). Used by {@code drover up} and by tests.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer forTests;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedCluster embedded;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
    private final Set<String> createdRoles = ConcurrentHashMap.newKeySet();
    private Path removeOnClose;

    private PostgresServer(String host, int port, String user, String password, EmbeddedCluster embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** What a service connects with: its database, and the role that owns it with that role's password. */
    public record Login(String database, String user, String password) {
    }

    /** A server that already runs at {@code host:port}, reached as {@code user} with {@code password} ("" for none). */
    public static PostgresServer external(String host, int port, String user, String password) {
        return new PostgresServer(host, port, user, password, null);
    }

    /**
     * Starts a private PostgreSQL whose data stays in {@code dataDirectory} between runs, listening
     * on 127.0.0.1:{@code port} ({@code 0} picks a free port) and writing its log to {@code log}.
     * A new cluster gets {@code superuserPassword} for its superuser; a cluster made by an older
     * Drover, which let anyone on the machine in without a password, gets it on this start.
     */
    public static PostgresServer embedded(Path dataDirectory, Path log, int port, String superuserPassword) {
        EmbeddedCluster cluster = new EmbeddedCluster(PostgresBinaries.unpacked(), dataDirectory, log,
                port > 0 ? port : freePort(), superuserPassword);
        cluster.open();
        return new PostgresServer("127.0.0.1", cluster.port(), EmbeddedCluster.SUPERUSER, superuserPassword, cluster);
    }

    /**
     * The server tests use, one per JVM, chosen by {@link TestSettings#from(Map) the environment}:
     * the configured or the machine's server when it listens and lets the test user in, else a
     * private embedded one in a temporary directory that is removed when the JVM exits (and, should
     * the JVM be killed, by the next test JVM that uses an embedded one). On a
     * shared server, the databases and roles the tests created are dropped when the JVM exits.
     */
    public static synchronized PostgresServer forTests() {
        if (forTests == null) {
            forTests = forTests(TestSettings.from(System.getenv()));
            Runtime.getRuntime().addShutdownHook(new Thread(forTests::close, "test-postgres-close"));
        }
        return forTests;
    }

    /** The server the tests use with {@code settings}; the caller closes it. */
    static PostgresServer forTests(TestSettings settings) {
        if (listens(settings.host(), settings.port())) {
            PostgresServer shared = external(settings.host(), settings.port(), settings.user(), settings.password());
            try (Connection connection = shared.connect("postgres")) {
                return shared;
            } catch (SQLException e) {
                if (settings.configured()) {
                    throw new IllegalStateException("the test PostgreSQL at " + settings.host() + ":" + settings.port()
                            + " refused " + settings.user() + " (" + e.getMessage() + "); check "
                            + TestSettings.USER + " and " + TestSettings.PASSWORD, e);
                }
                System.err.println("The PostgreSQL at " + settings.host() + ":" + settings.port() + " refused "
                        + settings.user() + " without a password (" + e.getMessage() + "); the tests use an embedded one."
                        + " Set " + TestSettings.USER + " and " + TestSettings.PASSWORD + " to use that server.");
            }
        }
        try {
            Path directory = TestClusterDirectory.create(Path.of(System.getProperty("java.io.tmpdir")));
            PostgresServer server = embedded(directory.resolve("data"), directory.resolve("postgres.log"), 0, randomSecret());
            server.removeOnClose = directory;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the tests' PostgreSQL", e);
        }
    }

    /**
     * Where the tests find PostgreSQL: {@value #HOST} (default 127.0.0.1), {@value #PORT} (5432),
     * {@value #USER} (postgres) and {@value #PASSWORD} (none). {@code configured} is whether any
     * was set: a configured server that refuses the login fails the tests, the default one that
     * does makes them use an embedded server.
     */
    public record TestSettings(String host, int port, String user, String password, boolean configured) {

        public static final String HOST = "DROVER_TEST_PG_HOST";
        public static final String PORT = "DROVER_TEST_PG_PORT";
        public static final String USER = "DROVER_TEST_PG_USER";
        public static final String PASSWORD = "DROVER_TEST_PG_PASSWORD";

        public static TestSettings from(Map<String, String> environment) {
            return new TestSettings(
                    environment.getOrDefault(HOST, "127.0.0.1"),
                    Integer.parseInt(environment.getOrDefault(PORT, "5432")),
                    environment.getOrDefault(USER, "postgres"),
                    environment.getOrDefault(PASSWORD, ""),
                    Set.of(HOST, PORT, USER, PASSWORD).stream().anyMatch(environment::containsKey));
        }
    }

    /** Creates a database with a fresh random name, owned by this server's user, and returns its name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("postgres", "CREATE DATABASE " + name);
        createdDatabases.add(name);
        return name;
    }

    /**
     * Makes {@code name} a database owned by a role of the same name that may do nothing else (no
     * superuser, no other databases, no roles), logging in with {@code rolePassword}: creates the
     * role and the database when missing, resets the role's password, and hands the role every
     * object in the database that another role owns (a database created by an older Drover
     * belonged to the superuser). Returns the login for it.
     */
    public Login ensureOwnedDatabase(String name, String rolePassword) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
                    + EmbeddedCluster.literal(rolePassword);
            if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                statement.execute("ALTER ROLE " + name + " WITH" + attributes);
            } else {
                statement.execute("CREATE ROLE " + name + attributes);
                createdRoles.add(name);
                // A user that is no superuser (a test server's) may hand a database only to a role it is a member of.
                statement.execute("GRANT " + name + " TO CURRENT_USER");
            }
            if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                statement.execute("ALTER DATABASE " + name + " OWNER TO " + name);
            } else {
                statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                createdDatabases.add(name);
            }
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + name + ": " + e.getMessage(), e);
        }
        execute(name, handOverObjects(name));
        return new Login(name, name, rolePassword);
    }

    /** A DO block that makes {@code owner} the owner of every schema, relation, routine and type of the database. */
    private static String handOverObjects(String owner) {
        String others = "NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
        return """
                DO $$
                DECLARE
                    item record;
                BEGIN
                    FOR item IN SELECT n.nspname FROM pg_namespace n WHERE n.nspname %1$s
                            AND n.nspowner <> '%2$s'::regrole LOOP
                        EXECUTE format('ALTER SCHEMA %%I OWNER TO %2$s', item.nspname);
                    END LOOP;
                    FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                            JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname %1$s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                            AND c.relowner <> '%2$s'::regrole LOOP
                        EXECUTE format('ALTER %%s %%s OWNER TO %2$s',
                                CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                    WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, item.name);
                    END LOOP;
                    FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
                            JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname %1$s AND c.relkind = 'S' AND c.relowner <> '%2$s'::regrole LOOP
                        EXECUTE format('ALTER SEQUENCE %%s OWNER TO %2$s', item.name);
                    END LOOP;
                    FOR item IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
                            JOIN pg_namespace n ON n.oid = p.pronamespace
                            WHERE n.nspname %1$s AND p.proowner <> '%2$s'::regrole LOOP
                        EXECUTE format('ALTER %%s %%s OWNER TO %2$s',
                                CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                                    ELSE 'FUNCTION' END, item.name);
                    END LOOP;
                    FOR item IN SELECT t.oid::regtype AS name FROM pg_type t
                            JOIN pg_namespace n ON n.oid = t.typnamespace
                            WHERE n.nspname %1$s AND t.typtype IN ('e', 'd', 'r', 'm')
                            AND t.typowner <> '%2$s'::regrole LOOP
                        EXECUTE format('ALTER TYPE %%s OWNER TO %2$s', item.name);
                    END LOOP;
                END
                $$
                """.formatted(others, owner);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user this server is administered as (the embedded server's superuser). */
    public String user() {
        return user;
    }

    /** The password of {@link #user()}, "" for none. */
    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Whether the embedded server's postmaster runs (an external server counts as running). */
    public boolean isAlive() {
        return embedded == null || embedded.isAlive();
    }

    /** The embedded postmaster's exit status once it ended, else -1. */
    public int exitValue() {
        return embedded == null ? -1 : embedded.exitValue();
    }

    /** Starts the embedded server again on the same port and data after it ended, and waits until it accepts logins. */
    public void restart() {
        requireEmbedded().start();
    }

    /** Kills the embedded server and all its processes at once (SIGKILL), as a crash would. */
    public void kill() {
        requireEmbedded().kill();
    }

    /** The process id of the embedded server's postmaster. */
    public long pid() {
        return requireEmbedded().pid();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Connects to {@code database} as {@link #user()}. */
    public Connection connect(String database) throws SQLException {
        return connect(host, port, user, password, database);
    }

    static Connection connect(String host, int port, String user, String password, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    /**
     * Stops the embedded server (and removes its directory when it was a temporary one of the
     * tests); on a shared server, drops the databases and roles this JVM created for tests.
     */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
            if (removeOnClose != null) {
                try {
                    TestClusterDirectory.remove(removeOnClose);
                } catch (IOException e) {
                    System.err.println("could not remove " + removeOnClose + ": " + e.getMessage());
                }
            }
        } else {
            dropCreated();
        }
    }

    private void dropCreated() {
        for (String name : createdDatabases) {
            tryExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        for (String role : createdRoles) {
            tryExecute("DROP ROLE IF EXISTS " + role);
        }
    }

    private void tryExecute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            System.err.println("could not run '" + sql + "' on the test PostgreSQL: " + e.getMessage());
        }
    }

    private EmbeddedCluster requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is not ours to start or stop");
        }
        return embedded;
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (var statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        }
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql.lines().findFirst().orElse("")
                    + "…': " + e.getMessage(), e);
        }
    }

    /** A random secret of 32 bytes, URL-safe Base64: for generated database passwords. */
    public static String randomSecret() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static boolean listens(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
