package dev.drover.cli.up;

import dev.drover.cli.stack.LocalStack;
import dev.drover.cli.stack.ServiceProcess;
import dev.drover.cli.stack.StackLayout;
import dev.drover.cli.stack.StackSecrets;
import dev.drover.cli.stack.StackSupervisor;
import dev.drover.postgres.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code drover up}: the embedded default. Starts a private PostgreSQL, the hub, the ingest and a
 * daemon for this machine, prints where to go, and stops everything on Ctrl-C.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Drover on this machine: private PostgreSQL, hub, ingest and a local daemon.")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--home", description = "The Drover checkout holding the built services (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:drover.home:-.}")
    Path home;

    @Option(names = "--state-dir", description = "Where data is kept between runs (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:XDG_STATE_HOME:-${env:HOME:-${sys:user.home}}/.local/state}/drover")
    Path state;

    @Option(names = "--port", description = "The hub's HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8420")
    int hubPort;

    @Option(names = "--bind", description = "Address the hub and ingest listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens them to the network).",
            defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--otlp-http-port", description = "The ingest's OTLP/HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "4318")
    int otlpHttpPort;

    @Option(names = "--otlp-grpc-port", description = "The ingest's OTLP/gRPC port (default: ${DEFAULT-VALUE}).", defaultValue = "4317")
    int otlpGrpcPort;

    @Override
    public Integer call() {
        StackLayout layout = new StackLayout(home.toAbsolutePath().normalize(), state.toAbsolutePath().normalize());
        layout.prepare();
        boolean firstStart = !Files.exists(layout.secrets());
        StackSecrets secrets = StackSecrets.loadOrCreate(layout.secrets());
        System.out.println("Drover: data in " + layout.state() + ", logs in " + layout.logs());
        System.out.println("Starting PostgreSQL…");
        PostgresServer postgres;
        try {
            postgres = PostgresServer.embedded(layout.postgresData(), layout.postgresLog(), 0, secrets.postgresPassword());
        } catch (RuntimeException e) {
            System.err.println("Drover could not start PostgreSQL: " + e.getMessage());
            return 1;
        }
        LocalStack stack = new LocalStack(layout, new LocalStack.Ports(bind, hubPort, otlpHttpPort, otlpGrpcPort),
                secrets, postgres);
        StackSupervisor supervisor = new StackSupervisor(services(postgres, layout, stack), StackSupervisor.Policy.DEFAULT,
                System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Drover…");
            supervisor.stop();
            stack.close();
            postgres.close();
            System.out.println("Stopped. Data kept in " + layout.state());
            Path keeper = layout.state().resolve("daemon/tmux.sock");
            if (Files.exists(keeper)) {
                System.out.println("Agent sessions running under tmux keep running and are picked up again by the next"
                        + " ./drover up; to end them all: tmux -S " + keeper + " kill-server");
            }
        }, "drover-stop"));
        try {
            System.out.println("Starting hub on port " + hubPort + "…");
            stack.startHub("drover");
            System.out.println("Starting telemetry ingest (OTLP gRPC " + otlpGrpcPort + ", HTTP " + otlpHttpPort + ")…");
            stack.startIngest();
            System.out.println("Starting the daemon for this machine…");
            stack.startDaemon(hostName());
        } catch (RuntimeException e) {
            System.err.println("Drover could not start: " + e.getMessage());
            return 1;
        }
        System.out.println();
        System.out.println("  Drover is running: " + stack.hubUrl());
        System.out.println(loginHint(firstStart, secrets, layout.secrets()));
        System.out.println();
        System.out.println("Press Ctrl-C to stop. Running again keeps your data. A service that stops is restarted.");
        String givenUp = supervisor.supervise();
        if (givenUp != null) {
            System.err.println("Drover stops: " + givenUp);
            return 1;
        }
        return 0;
    }

    /**
     * How to log in: with the admin password on the first start, which generated it; later only
     * where it is kept, so that it does not end up in every terminal's scrollback and log.
     */
    static String loginHint(boolean firstStart, StackSecrets secrets, Path secretsFile) {
        if (firstStart) {
            return "  Log in as " + LocalStack.ADMIN + " with password " + secrets.adminPassword() + System.lineSeparator()
                    + "  (shown this once; it is kept, readable only by you, in " + secretsFile + ")";
        }
        return "  Log in as " + LocalStack.ADMIN + "; the password was shown at the first start and is kept,"
                + " readable only by you, in " + secretsFile + " (admin-password)";
    }

    /** PostgreSQL first, then the hub, the ingest and the daemon: the order in which they are checked and restarted. */
    private static List<StackSupervisor.Service> services(PostgresServer postgres, StackLayout layout, LocalStack stack) {
        List<StackSupervisor.Service> services = new ArrayList<>();
        services.add(new StackSupervisor.Service("PostgreSQL", postgres::isAlive, postgres::exitValue, postgres::restart,
                () -> "Last lines of " + layout.postgresLog() + ":\n" + ServiceProcess.tail(layout.postgresLog(), 30)));
        services.addAll(stack.services());
        return services;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
