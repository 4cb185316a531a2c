package dev.drover.system;

import dev.drover.cli.stack.StackSupervisor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code drover up} did not notice a service dying: the stack kept saying it ran while the hub
 * answered 503. The whole system under the supervisor {@code drover up} uses: the hub and the
 * daemon killed with SIGKILL come back, and the session started before is still there.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackSupervisionIT {

    private SystemUnderTest system;
    private StackSupervisor supervisor;
    private CompletableFuture<String> supervision;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderTest.start();
        supervisor = new StackSupervisor(system.stack.services(), StackSupervisor.Policy.DEFAULT,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        supervision = CompletableFuture.supplyAsync(supervisor::supervise);
    }

    @AfterAll
    void stop() throws Exception {
        supervisor.stop();
        try {
            assertThat(supervision.get(30, TimeUnit.SECONDS)).isNull();
        } finally {
            system.close();
        }
    }

    @Test
    void hubAndDaemonKilledWithSigkillComeBack() {
        String sessionId = system.spawnBash();
        long hubPid = system.stack.hub().pid();
        system.stack.hub().kill();
        await().atMost(Duration.ofMinutes(3)).until(() -> said("hub is running again"));
        assertThat(system.stack.hub().pid()).isNotEqualTo(hubPid);
        assertThat(said("hub exited with status 137; restarting it in 1 s (failure 1 of 5")).isTrue();

        system.stack.daemon().kill();
        await().atMost(Duration.ofMinutes(3)).until(() -> said("daemon is running again"));
        assertThat(system.stack.adminClient().isOnline(SystemUnderTest.HOST)).isTrue();
        assertThat(system.stack.adminClient().call("GET", "/api/v1/sessions/" + sessionId, null).path("state").asText())
                .isEqualTo("running");
    }

    private boolean said(String text) {
        return console.toString(StandardCharsets.UTF_8).contains(text);
    }
}
