package dev.drover.cli.up;

import dev.drover.cli.stack.StackSecrets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {

    /** The admin password was printed at every start, although the docs said once. */
    @Test
    void adminPasswordIsPrintedOnTheFirstStartOnly() {
        StackSecrets secrets = StackSecrets.generate();
        Path file = Path.of("/home/someone/.local/state/drover/secrets.properties");
        assertThat(UpCommand.loginHint(true, secrets, file)).contains(secrets.adminPassword()).contains(file.toString());
        assertThat(UpCommand.loginHint(false, secrets, file)).doesNotContain(secrets.adminPassword())
                .contains(file + " (admin-password)");
    }

    @Test
    void withoutOptionsTheStackListensOnLoopbackOnTheUsualPortsAndKeepsItsDataInTheUsersStateDirectory() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs();

        assertThat(up.bind).isEqualTo("127.0.0.1");
        assertThat(up.hubPort).isEqualTo(8420);
        assertThat(up.otlpHttpPort).isEqualTo(4318);
        assertThat(up.otlpGrpcPort).isEqualTo(4317);
        assertThat(up.home).isEqualTo(Path.of("."));
        assertThat(up.state).isEqualTo(Path.of(Optional.ofNullable(System.getenv("XDG_STATE_HOME"))
                .orElse(System.getenv("HOME") + "/.local/state"), "drover"));
    }

    @Test
    void optionsMoveTheStacksPortsAddressAndDirectories() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--port=9420", "--bind=0.0.0.0", "--otlp-http-port=5318", "--otlp-grpc-port=5317",
                "--home=/opt/drover", "--state-dir=/srv/drover");

        assertThat(up.bind).isEqualTo("0.0.0.0");
        assertThat(up.hubPort).isEqualTo(9420);
        assertThat(up.otlpHttpPort).isEqualTo(5318);
        assertThat(up.otlpGrpcPort).isEqualTo(5317);
        assertThat(up.home).isEqualTo(Path.of("/opt/drover"));
        assertThat(up.state).isEqualTo(Path.of("/srv/drover"));
    }
}
