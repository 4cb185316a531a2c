package dev.drover.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code drover up} says when a service cannot start; the system test DroverUpIT covers a stack that starts. */
class LocalStackTest {

    @Test
    void aServiceThatIsNotBuiltIsRefusedWithHowToBuildIt(@TempDir Path home) {
        LocalStack stack = stack(home);

        assertThatThrownBy(stack::startIngest)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(home.resolve("telemetry-ingest/target/quarkus-app/quarkus-run.jar")
                        + " is missing: build first with ./mvnw package -DskipTests");
        assertThat(stack.ingest()).isNull();
    }

    @Test
    void aServiceThatExitsAtStartIsReportedWithItsStatusAndTheEndOfItsLog(@TempDir Path home) throws Exception {
        Path jar = home.resolve("telemetry-ingest/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar");
        LocalStack stack = stack(home);

        assertThatThrownBy(stack::startIngest)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ingest exited with status 1; last lines of " + home.resolve("state/logs/ingest.log"))
                .hasMessageContaining("Invalid or corrupt jarfile " + jar);
        assertThat(stack.ingest().isAlive()).isFalse();
    }

    @Test
    void theSupervisorWatchesHubIngestAndDaemonInThatOrder(@TempDir Path home) {
        assertThat(stack(home).services()).extracting(StackSupervisor.Service::name).containsExactly("hub", "ingest", "daemon");
    }

    private static LocalStack stack(Path home) {
        return new LocalStack(new StackLayout(home, home.resolve("state")), LocalStack.Ports.free(), StackSecrets.generate(),
                null);
    }

}
