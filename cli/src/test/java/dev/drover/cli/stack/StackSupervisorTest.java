package dev.drover.cli.stack;

import dev.drover.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drover up} did not notice a service dying: the stack kept saying it ran while the hub
 * answered 503. These supervise real processes and a real embedded PostgreSQL.
 */
class StackSupervisorTest {

    private static final StackSupervisor.Policy QUICK =
            new StackSupervisor.Policy(Duration.ofMillis(100), Duration.ofMillis(400), 4, Duration.ofMinutes(1));

    @Test
    void serviceKilledWithSigkillIsRestarted() throws Exception {
        AtomicReference<Process> current = new AtomicReference<>(start("sleep", "600"));
        AtomicInteger starts = new AtomicInteger(1);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StackSupervisor supervisor = new StackSupervisor(List.of(service("sleeper", current, () -> {
            starts.incrementAndGet();
            return start("sleep", "600");
        })), QUICK, new PrintStream(console, true, StandardCharsets.UTF_8));
        CompletableFuture<String> supervision = CompletableFuture.supplyAsync(supervisor::supervise);
        try {
            long firstPid = current.get().pid();
            current.get().destroyForcibly().waitFor();
            awaitTrue(() -> starts.get() == 2 && current.get().isAlive());
            assertThat(current.get().pid()).isNotEqualTo(firstPid);
            String said = console.toString(StandardCharsets.UTF_8);
            assertThat(said).contains("sleeper exited with status 137; restarting it in 100 ms (failure 1 of 4")
                    .contains("sleeper is running again");
        } finally {
            supervisor.stop();
            assertThat(supervision.get(10, TimeUnit.SECONDS)).isNull();
            current.get().destroyForcibly();
        }
    }

    @Test
    void serviceThatFailsAtOnceEveryTimeEndsSupervisionWithAReason() throws Exception {
        AtomicReference<Process> current = new AtomicReference<>(start("sh", "-c", "exit 3"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StackSupervisor supervisor = new StackSupervisor(List.of(service("broken", current, () -> start("sh", "-c", "exit 3"))),
                QUICK, new PrintStream(console, true, StandardCharsets.UTF_8));
        String givenUp = CompletableFuture.supplyAsync(supervisor::supervise).get(30, TimeUnit.SECONDS);
        assertThat(givenUp).startsWith("broken failed 4 times within 1 min (last: exited with status 3); it cannot come back.")
                .contains("log of broken");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("broken exited with status 3; restarting it in 100 ms (failure 1 of 4")
                .contains("restarting it in 200 ms (failure 2 of 4")
                .contains("restarting it in 400 ms (failure 3 of 4");
    }

    @Test
    void delaysDoubleUpToTheCap() {
        StackSupervisor.Policy policy = StackSupervisor.Policy.DEFAULT;
        assertThat(List.of(policy.delay(1), policy.delay(2), policy.delay(3), policy.delay(5), policy.delay(6), policy.delay(40)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(16),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** PostgreSQL killed with SIGKILL comes back on the same port with its data, and the same login works. */
    @Test
    void embeddedPostgresKilledWithSigkillIsRestartedWithItsData(@TempDir Path state) throws Exception {
        StackLayout layout = new StackLayout(state, state);
        layout.prepare();
        StackSecrets secrets = StackSecrets.loadOrCreate(layout.secrets());
        try (PostgresServer postgres = PostgresServer.embedded(layout.postgresData(), layout.postgresLog(), 0,
                secrets.postgresPassword())) {
            PostgresServer.Login login = postgres.ensureOwnedDatabase("drover", secrets.databasePassword());
            try (Connection connection = postgres.connect("drover")) {
                connection.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the crash')");
            }
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            StackSupervisor supervisor = new StackSupervisor(List.of(new StackSupervisor.Service("PostgreSQL",
                    postgres::isAlive, postgres::exitValue, postgres::restart, () -> "")),
                    QUICK, new PrintStream(console, true, StandardCharsets.UTF_8));
            CompletableFuture<String> supervision = CompletableFuture.supplyAsync(supervisor::supervise);
            try {
                long killed = postgres.pid();
                postgres.kill();
                awaitTrue(() -> console.toString(StandardCharsets.UTF_8).contains("PostgreSQL is running again"));
                assertThat(postgres.pid()).isNotEqualTo(killed);
                assertThat(console.toString(StandardCharsets.UTF_8)).contains("PostgreSQL exited with status 137; restarting it");
                try (Connection hub = postgres.connect("drover");
                        ResultSet rows = hub.createStatement().executeQuery("SELECT v FROM kept")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("before the crash");
                }
                assertThat(login.user()).isEqualTo("drover");
            } finally {
                supervisor.stop();
                assertThat(supervision.get(30, TimeUnit.SECONDS)).isNull();
            }
        }
    }

    private static StackSupervisor.Service service(String name, AtomicReference<Process> current, java.util.function.Supplier<Process> starter) {
        return new StackSupervisor.Service(name,
                () -> current.get().isAlive(),
                () -> current.get().exitValue(),
                () -> current.set(starter.get()),
                () -> "(log of " + name + ")");
    }

    private static Process start(String... command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition within 60 s").isTrue();
    }
}
