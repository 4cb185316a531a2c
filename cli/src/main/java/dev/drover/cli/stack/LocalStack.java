package dev.drover.cli.stack;

import dev.drover.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole system on one machine: PostgreSQL, the hub, the ingest and one daemon, each hub,
 * ingest and daemon as its own process. Used by {@code drover up} and by the whole-system tests,
 * which may add daemons of their own ({@link #startDaemon(DaemonSite)}).
 */
public final class LocalStack implements AutoCloseable {

    public static final String ADMIN = "admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final StackLayout layout;
    private final Ports ports;
    private final StackSecrets secrets;
    private final PostgresServer postgres;
    private Tls tls;
    private Map<String, String> hubSettings = Map.of();
    private HttpClient http = HubClient.httpClient(Optional.empty());
    private ServiceProcess hub;
    private ServiceProcess ingest;
    private ServiceProcess daemon;
    private String database;
    private String hostName;

    /** Ports the services listen on. */
    public record Ports(String bindHost, int hub, int ingestHttp, int ingestGrpc) {

        /** Free ports on loopback, for tests. */
        public static Ports free() {
            return free("127.0.0.1");
        }

        /** Free ports on {@code bindHost} (e.g. {@code 0.0.0.0} for daemons in other network namespaces), for tests. */
        public static Ports free(String bindHost) {
            return new Ports(bindHost, freePort(), freePort(), freePort());
        }
    }

    /**
     * Where a daemon runs: the host it enrols as, its own state directory, the hub address it
     * dials, the {@code launcher} that precedes its java command (e.g. {@code ip netns exec <ns>};
     * empty for none), the loopback address its hook endpoint binds, and its agent profile
     * overrides directory ({@code null}: the daemon's default, {@code ~/.config/drover/profiles}).
     */
    public record DaemonSite(String hostName, Path state, URI hubUrl, List<String> launcher, String hookHost,
            Path profiles) {
    }

    /**
     * The hub's certificate and key (PEM, for {@code 127.0.0.1}) and the CA file (PEM) that the
     * daemons, the ingest and the stack's own clients verify it with.
     */
    public record Tls(Path certificate, Path key, Path ca) {
    }

    public LocalStack(StackLayout layout, Ports ports, StackSecrets secrets, PostgresServer postgres) {
        this.layout = layout;
        this.ports = ports;
        this.secrets = secrets;
        this.postgres = postgres;
    }

    /** Serves the hub over HTTPS only, with {@code tls}; call before starting anything. */
    public LocalStack useTls(Tls hubTls) {
        this.tls = hubTls;
        this.http = HubClient.httpClient(Optional.of(hubTls.ca()));
        return this;
    }

    /**
     * Starts the hub with these settings too (environment variables, for example
     * {@code QUARKUS_CONFIG_LOCATIONS} naming a file of {@code drover.hub.oidc} settings); call before starting it.
     */
    public LocalStack withHubSettings(Map<String, String> settings) {
        this.hubSettings = Map.copyOf(settings);
        return this;
    }

    /** An HTTP client that trusts the hub (its CA with {@link #useTls(Tls)}, else the JVM's trust store). */
    public HttpClient http() {
        return http;
    }

    public URI hubUrl() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + ports.hub());
    }

    public URI ingestUrl() {
        return URI.create("http://127.0.0.1:" + ports.ingestHttp());
    }

    public Ports ports() {
        return ports;
    }

    public StackSecrets secrets() {
        return secrets;
    }

    public ServiceProcess hub() {
        return hub;
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    public ServiceProcess daemon() {
        return daemon;
    }

    /** Starts hub, ingest and the local daemon (enrolling it on first use) and waits until it is online. */
    public void start(String database, String hostName) {
        startHub(database);
        startIngest();
        startDaemon(hostName);
    }

    /**
     * Starts the hub on {@code database} and waits until it is ready. The hub logs in as a role
     * that owns that database and nothing else (created when missing), never as the superuser.
     */
    public void startHub(String database) {
        PostgresServer.Login login = postgres.ensureOwnedDatabase(database, secrets.databasePassword());
        this.database = database;
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_HTTP_HOST", ports.bindHost(),
                "QUARKUS_HTTP_PORT", Integer.toString(ports.hub()),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(login.database()),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(login.database()),
                "QUARKUS_DATASOURCE_USERNAME", login.user(),
                "QUARKUS_DATASOURCE_PASSWORD", login.password(),
                "DROVER_HUB_DATA_DIR", layout.state().resolve("hub").toString(),
                "DROVER_HUB_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword(),
                "DROVER_HUB_INGEST_SECRET", secrets.ingestSecret(),
                "DROVER_HUB_INGEST_URL", ingestUrl().toString()));
        if (tls != null) {
            environment.put("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", tls.certificate().toString());
            environment.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", tls.key().toString());
        }
        environment.putAll(hubSettings);
        hub = launch("hub", List.of(), layout.hubJar(), ServiceJvm.HUB, environment);
        awaitUp(hub, () -> answersReady(hubUrl()));
    }

    public void startIngest() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_HTTP_HOST", ports.bindHost(),
                "QUARKUS_HTTP_PORT", Integer.toString(ports.ingestHttp()),
                "QUARKUS_GRPC_SERVER_HOST", ports.bindHost(),
                "QUARKUS_GRPC_SERVER_PORT", Integer.toString(ports.ingestGrpc()),
                "DROVER_INGEST_HUB_URL", hubUrl().toString(),
                "DROVER_INGEST_DATA_DIR", layout.state().resolve("ingest").toString(),
                "QUARKUS_GRPC_CLIENTS_HUB_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_HUB_PORT", Integer.toString(ports.hub()),
                "DROVER_INGEST_HUB_SECRET", secrets.ingestSecret()));
        if (tls != null) {
            environment.put("QUARKUS_GRPC_CLIENTS_HUB_PLAIN_TEXT", "false");
            environment.put("DROVER_INGEST_HUB_CA_FILE", tls.ca().toString());
        }
        ingest = launch("ingest", List.of(), layout.ingestJar(), ServiceJvm.INGEST, environment);
        awaitUp(ingest, () -> answersReady(ingestUrl()));
    }

    /**
     * Starts the local daemon. On first use (no saved credential) it logs in as admin, creates a
     * host named {@code hostName} and hands the daemon the join token.
     */
    public void startDaemon(String hostName) {
        this.hostName = hostName;
        daemon = launchDaemon("daemon", new DaemonSite(hostName, layout.state().resolve("daemon"), hubUrl(), List.of(),
                "127.0.0.1", layout.daemonProfiles()));
    }

    /**
     * Starts one more daemon at {@code site} (logging to {@code logs/daemon-<host>.log}), enrolled
     * like the local one, and waits until its host is online. The caller stops it. Like the local
     * daemon's, its sessions cannot see the stack's state (hub key and secrets, PostgreSQL's data,
     * logs) nor the daemon's own.
     */
    public ServiceProcess startDaemon(DaemonSite site) {
        return launchDaemon("daemon-" + site.hostName(), site);
    }

    private ServiceProcess launchDaemon(String name, DaemonSite site) {
        HubClient client = adminClient();
        Map<String, String> environment = new HashMap<>(Map.of(
                "DROVER_DAEMON_HUB_URL", site.hubUrl().toString(),
                "DROVER_DAEMON_STATE_DIR", site.state().toString(),
                "QUARKUS_HTTP_HOST", site.hookHost(),
                "DROVER_DAEMON_ISOLATION_HIDDEN_PATHS", layout.state() + "," + site.state()));
        if (tls != null) {
            environment.put("DROVER_DAEMON_HUB_CA_FILE", tls.ca().toString());
        }
        if (site.profiles() != null) {
            environment.put("DROVER_DAEMON_PROFILES_DIR", site.profiles().toString());
        }
        if (!Files.exists(site.state().resolve("credential.jwt"))) {
            environment.put("DROVER_DAEMON_JOIN_TOKEN", client.createHost(site.hostName()));
        }
        ServiceProcess started = launch(name, site.launcher(), layout.daemonJar(), ServiceJvm.DAEMON, environment);
        awaitUp(started, () -> client.isOnline(site.hostName()));
        return started;
    }

    /** A hub client logged in as the admin. */
    public HubClient adminClient() {
        HubClient client = new HubClient(hubUrl(), Optional.ofNullable(tls).map(Tls::ca));
        client.login(ADMIN, secrets.adminPassword());
        return client;
    }

    /** Stops the hub (as an upgrade would) and starts it again on the same database and port. */
    public void restartHub() {
        hub.close();
        startHub(database);
    }

    /**
     * The hub, the ingest and the daemon as {@link StackSupervisor} watches them, each restarted
     * as it was first started (the daemon with its saved credential).
     */
    public List<StackSupervisor.Service> services() {
        return List.of(
                supervised("hub", () -> hub, () -> startHub(database)),
                supervised("ingest", () -> ingest, this::startIngest),
                supervised("daemon", () -> daemon, () -> startDaemon(hostName)));
    }

    private static StackSupervisor.Service supervised(String name, Supplier<ServiceProcess> current, Runnable restart) {
        return new StackSupervisor.Service(name,
                () -> current.get().isAlive(),
                () -> current.get().exitValue(),
                restart,
                () -> "Last lines of " + current.get().log() + ":\n" + current.get().logTail(30));
    }

    /** Stops the daemon, the ingest and the hub, in that order (the caller owns PostgreSQL). */
    @Override
    public void close() {
        Stream.of(daemon, ingest, hub).filter(Objects::nonNull).forEach(ServiceProcess::close);
    }

    private ServiceProcess launch(String name, List<String> launcher, Path jar, ServiceJvm jvm, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw package -DskipTests");
        }
        return ServiceProcess.start(name, launcher, jar, jvm, environment, layout.logs().resolve(name + ".log"));
    }

    /** Waits until {@code service} is ready; stops it and throws when it exits or takes too long. */
    private static void awaitUp(ServiceProcess service, BooleanSupplier ready) {
        try {
            awaitReady(service, ready);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private static void awaitReady(ServiceProcess service, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with status " + service.exitValue()
                        + "; last lines of " + service.log() + ":\n" + service.logTail(30));
            }
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (HubClient.HubException e) {
                // Not answering yet: keep waiting until the deadline.
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(service.name() + " did not become ready within " + START_TIMEOUT.toSeconds()
                + " s; last lines of " + service.log() + ":\n" + service.logTail(30));
    }

    /** Whether the Quarkus service at {@code base} answers its readiness check with 200. */
    private boolean answersReady(URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(PROBE_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
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
