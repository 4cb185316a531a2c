package dev.drover.cli.up;

import dev.drover.cli.stack.StackSecrets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
}
