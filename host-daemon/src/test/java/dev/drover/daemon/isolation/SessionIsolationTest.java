package dev.drover.daemon.isolation;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static dev.drover.daemon.session.SessionTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.config.DaemonConfig.IsolationMode;
import dev.drover.daemon.config.DaemonConfig.KeeperKind;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.daemon.session.StopSequence;
import dev.drover.daemon.session.TestConfig;
import dev.drover.daemon.shell.ShellStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions, in real tmux and real PTYs, see neither Drover's variables nor its state directories
 * (an operator's {@code command} session printed the hub's JWT private key, and every session had
 * the daemon's join token in its environment). The surefire configuration puts
 * {@code DROVER_TEST_SECRET} and {@code QUARKUS_TEST_SECRET} in the daemon's environment.
 */
class SessionIsolationTest {

    private static final String KEY = "-----BEGIN PRIVATE KEY----- stand-in of the hub's signing key";

    @TempDir
    Path stateRoot;

    @TempDir
    Path project;

    private SessionRegistry sessions;

    @AfterEach
    void stop() throws Exception {
        if (sessions != null) {
            if (sessions.tmux().isPresent()) {
                sessions.tmux().get().killServer();
            }
            sessions.detach();
        }
    }

    private TestConfig config(KeeperKind keeper) {
        return new TestConfig(stateRoot.resolve("daemon"), keeper, 8L << 20, 64L << 20, 4L << 30);
    }

    private String run(List<String> argv) throws Exception {
        return run(UUID.randomUUID(), argv);
    }

    private String run(UUID id, List<String> argv) throws Exception {
        RunningSession session = sessions.spawn(new SessionLaunch(id, argv, project, Map.of("FROM_PROFILE", "kept"),
                200, 50, "command", null, null, StopSequence.DEFAULT, null));
        await(() -> !session.alive(), Duration.ofSeconds(20));
        return text(session.log());
    }

    @ParameterizedTest
    @EnumSource(value = KeeperKind.class, names = {"TMUX", "PTY"})
    void aSessionRunningEnvSeesNoneOfDroversVariables(KeeperKind keeper) throws Exception {
        assertThat(System.getenv("DROVER_TEST_SECRET")).as("set by the surefire configuration").isNotNull();
        sessions = config(keeper).registry();

        String env = run(List.of("env"));

        assertThat(env).contains("FROM_PROFILE=kept", "HOME=" + System.getenv("HOME"), "TERM=xterm-256color");
        assertThat(env).doesNotContain("DROVER_", "QUARKUS_", "drover-variable-leaked", "quarkus-variable-leaked", "TMUX=");
        assertThat(env.lines()).as("a CI server's marker, which makes agent CLIs run headless").doesNotContain("CI=true");
    }

    @ParameterizedTest
    @EnumSource(value = KeeperKind.class, names = {"TMUX", "PTY"})
    void aSessionCannotReadTheHiddenStateButSeesHomeProjectAndItsOwnDirectory(KeeperKind keeper) throws Exception {
        Path key = Files.createDirectories(stateRoot.resolve("hub")).resolve("jwt-private.pem");
        Files.writeString(key, KEY);
        Files.writeString(project.resolve("README.md"), "the project");
        sessions = config(keeper).withIsolation(IsolationMode.AUTO, List.of(stateRoot)).registry();
        Path worktree = Files.createDirectories(stateRoot.resolve("daemon/worktrees/wt"));

        UUID id = UUID.randomUUID();
        Path own = sessions.sessionDir(id);

        String out = run(id, List.of("/bin/sh", "-c", "cat \"$1\"; echo \"cat=$?\"; ls \"$HOME\" > /dev/null; echo \"home=$?\"; "
                + "cat README.md; echo; touch \"$2/written\" 2> /dev/null; echo \"siblings=$?\"; touch \"$3/mine\"; echo \"own=$?\"; "
                + "echo \"processes=$(ls /proc | grep -c '^[0-9]')\"",
                "probe", key.toString(), own.getParent().toString(), own.toString()));

        assertThat(out).doesNotContain("BEGIN PRIVATE KEY").contains("cat=1", "home=0", "the project");
        assertThat(out).contains("processes=").doesNotContain("processes=0");
        assertThat(Integer.parseInt(out.replaceAll("(?s).*processes=(\\d+).*", "$1"))).as("only the session's own processes")
                .isLessThan(10);
        assertThat(out).as("the session's own directory is kept, writable, and nothing beside it").contains("own=0", "siblings=1");
        assertThat(own.resolve("mine")).exists();
        assertThat(own.getParent().resolve("written")).doesNotExist();
        RunningSession inWorktree = sessions.spawn(new SessionLaunch(UUID.randomUUID(),
                List.of("/bin/sh", "-c", ": > here; ls; ls \"$1\" 2>&1 | head -1", "probe", key.getParent().toString()), worktree,
                Map.of(), 200, 50, "command", null, null, StopSequence.DEFAULT, null));
        await(() -> !inWorktree.alive(), Duration.ofSeconds(20));
        assertThat(Files.exists(worktree.resolve("here"))).as("a working directory inside a hidden path stays writable").isTrue();
        assertThat(text(inWorktree.log())).doesNotContain("jwt-private.pem");
        assertThat(Files.readString(key)).isEqualTo(KEY);
    }

    @Test
    void theHostReportsIsolationAvailableWhereItWorks() {
        SessionIsolation isolation = new SessionIsolation(config(KeeperKind.PTY).withIsolation(IsolationMode.AUTO, List.of()));
        assertThat(isolation.status()).isEqualTo(new SessionIsolation.Status(SessionIsolation.State.AVAILABLE, null));
        assertThat(new SessionIsolation(config(KeeperKind.PTY)).status().state()).isEqualTo(SessionIsolation.State.OFF);
    }

    @Test
    void withoutUnshareIsolationIsUnavailableWithTheReasonAndRequiredModeRefusesSessions() throws Exception {
        Map<String, String> noUnshare = Map.of("PATH", project.toString(), "HOME", System.getenv("HOME"));
        SessionIsolation auto = new SessionIsolation(config(KeeperKind.PTY).withIsolation(IsolationMode.AUTO, List.of()), noUnshare);
        assertThat(auto.status()).isEqualTo(new SessionIsolation.Status(SessionIsolation.State.UNAVAILABLE,
                "unshare (util-linux) is not on the PATH"));
        assertThat(auto.refusal()).isNull();

        TestConfig required = config(KeeperKind.PTY).withIsolation(IsolationMode.REQUIRED, List.of());
        sessions = new SessionRegistry(required, new ObjectMapper(), new ShellStates(),
                new SessionActivities(profile -> Optional.empty()), new SessionIsolation(required, noUnshare));
        assertThatThrownBy(() -> sessions.spawn(new SessionLaunch(UUID.randomUUID(), List.of("/bin/true"), project, Map.of(), 80, 24,
                "command", null, null, StopSequence.DEFAULT, null)))
                .isInstanceOf(SpawnException.class)
                .hasMessage("session isolation is required but unavailable on this host: unshare (util-linux) is not on the PATH");
    }

    /**
     * A daemon that is not root first becomes root of a user namespace of its own to cover the
     * hidden paths; the session then runs as the daemon's user again and cannot unmount the covers.
     * Run as root, this test plays such a daemon with {@code nobody}.
     */
    @Test
    void anUnprivilegedDaemonsSessionRunsAsItsUserAndCannotUncoverTheState() throws Exception {
        assumeTrue(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue() == 0, "needs root to act as nobody");
        Path state = Files.createDirectories(stateRoot.resolve("nobody/state"));
        Path own = Files.createDirectories(state.resolve("sessions/s1"));
        Files.writeString(Files.createDirectories(state.resolve("hub")).resolve("jwt-private.pem"), KEY);
        Path work = Files.createDirectories(stateRoot.resolve("nobody/project"));
        Files.setPosixFilePermissions(stateRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ProcessBuilder("chown", "-R", "nobody:nogroup", stateRoot.resolve("nobody").toString()).start().waitFor();
        SessionIsolation isolation = new SessionIsolation(config(KeeperKind.PTY).withIsolation(IsolationMode.AUTO, List.of()));
        assertThat(isolation.status().state()).isEqualTo(SessionIsolation.State.AVAILABLE);
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        command.addAll(isolation.wrap(List.of("/bin/sh", "-c", "id -u; cat \"$1/hub/jwt-private.pem\"; umount \"$1\" 2>&1; "
                + "cat \"$1/hub/jwt-private.pem\"; touch \"$2/mine\" && echo own-writable; pwd", "probe", state.toString(),
                own.toString()), work, List.of(own.toString()), List.of(state), 65534, 65534));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).startsWith("65534\n").contains("own-writable", work.toString()).doesNotContain("BEGIN PRIVATE KEY");
        assertThat(own.resolve("mine")).exists();
    }
}
