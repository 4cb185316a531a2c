package dev.drover.daemon.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.session.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void theScriptsAreWrittenWithMode0644AndReplaceOlderOnes() throws Exception {
        Path dir = stateDir.resolve("shell-integration");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bash.sh"), "# an older version");
        assertThat(new BashIntegration(new TestConfig(stateDir)).install()).isTrue();
        for (String script : List.of("bash.sh", "bash-login.sh")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(script)))).isEqualTo("rw-r--r--");
        }
        assertThat(Files.readString(dir.resolve("bash.sh"))).contains("__drover_si_precmd").contains("133;D;");
        assertThat(Files.readString(dir.resolve("bash-login.sh"))).contains("__drover_si_login=1");
        assertThat(dir.resolve("bash.sh.tmp")).doesNotExist();
    }

    @Test
    void bashGetsTheRcfileAndLoginPicksTheLoginScript() {
        BashIntegration integration = new BashIntegration(new TestConfig(stateDir));
        String plain = stateDir.resolve("shell-integration/bash.sh").toString();
        String login = stateDir.resolve("shell-integration/bash-login.sh").toString();
        assertThat(integration.argv(List.of("/bin/bash"))).containsExactly("/bin/bash", "--rcfile", plain);
        assertThat(integration.argv(List.of("/usr/bin/bash", "-l"))).containsExactly("/usr/bin/bash", "--rcfile", login);
        assertThat(integration.argv(List.of("bash", "--login", "--noediting", "-il")))
                .containsExactly("bash", "--rcfile", login, "--noediting", "-i");
        assertThat(integration.argv(List.of("bash", "-i"))).containsExactly("bash", "--rcfile", plain, "-i");
        assertThat(Path.of(plain)).exists();
    }

    @Test
    void anythingElseIsLeftAsTheUserAskedForIt() {
        BashIntegration integration = new BashIntegration(new TestConfig(stateDir));
        for (List<String> argv : List.<List<String>>of(List.of("zsh"), List.of("/bin/sh", "-l"), List.of("bash", "-c", "echo hi"),
                List.of("bash", "-lc", "echo hi"), List.of("bash", "script.sh"), List.of("bash", "--rcfile", "mine"),
                List.of("bash", "--norc"), List.of("bash", "--posix"), List.of("bash", "-s"), List.of("bash", "-"),
                List.of("bash", "--version"), List.of("mybash"), List.<String>of())) {
            assertThat(integration.argv(argv)).as("%s", argv).isSameAs(argv);
        }
    }

    @Test
    void withoutItsScriptsBashIsLeftAlone() throws Exception {
        Path file = Files.writeString(stateDir.resolve("not-a-dir"), "x");
        BashIntegration integration = new BashIntegration(new TestConfig(file));
        List<String> argv = List.of("bash");
        assertThat(integration.argv(argv)).isSameAs(argv);
    }
}
