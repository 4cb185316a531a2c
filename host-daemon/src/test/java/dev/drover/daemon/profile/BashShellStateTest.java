package dev.drover.daemon.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.project.Git;
import dev.drover.daemon.project.ProjectRoots;
import dev.drover.daemon.project.Worktrees;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.TestConfig;
import dev.drover.daemon.shell.BashIntegration;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.protocol.daemon.DaemonMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real bash of the shipped bash profile, under the real tmux keeper, reports its shell state. */
class BashShellStateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    @TempDir
    Path home;

    @TempDir
    Path overrides;

    private ProfileRegistry profiles;
    private SessionRegistry sessions;

    private SessionRegistry registry(ShellStates shells) {
        return config().registry(shells);
    }

    private TestConfig config() {
        return new TestConfig(stateDir, DaemonConfig.KeeperKind.TMUX, 8L << 20, 64L << 20, 4L << 30);
    }

    @AfterEach
    void killServer() throws Exception {
        if (sessions != null) {
            sessions.tmux().orElseThrow().killServer();
            sessions.detach();
        }
        if (profiles != null) {
            profiles.close();
        }
    }

    @Test
    void cwdCommandAndExitCodesAreReportedAndComeBackAfterADaemonRestart() throws Exception {
        Files.writeString(home.resolve(".bashrc"), "PS1='rc-loaded$ '\nHISTCONTROL=\n");
        ShellStates shells = new ShellStates();
        List<DaemonMessage.ShellState> reported = new CopyOnWriteArrayList<>();
        shells.onChange(reported::add);
        sessions = registry(shells);
        profiles = new ProfileRegistry(new TestProfilesConfig(overrides));
        Path worktrees = stateDir.resolve("worktrees");
        SessionLauncher launcher = new SessionLauncher(sessions, new LaunchPlanner(profiles, new BashIntegration(config()),
                id -> "http://127.0.0.1:9/hooks/" + id, Map.of("HOME", home.toString())),
                new ProjectRoots(List.of(home), worktrees),
                new Worktrees(new Git(Duration.ofSeconds(10)), worktrees, sessions::runningDirectories));
        UUID id = UUID.randomUUID();
        RunningSession session = launcher.launch(new DaemonMessage.Spawn("r", id, List.of(), home.toString(),
                Map.of("HOME", home.toString()), 100, 30, "bash", "new", null, null, null, false), step -> {
                });

        DaemonMessage.ShellState first = await(reported, state -> state.cwd() != null);
        assertThat(first.cwd()).isEqualTo(home.toRealPath().toString());
        assertThat(first.commandRunning()).isFalse();
        assertThat(first.lastCommand()).isNull();

        session.write("cd /tmp\n".getBytes(StandardCharsets.UTF_8));
        await(reported, state -> "/tmp".equals(state.cwd()) && "cd /tmp".equals(state.lastCommand()) && !state.commandRunning());

        session.write("false\n".getBytes(StandardCharsets.UTF_8));
        DaemonMessage.ShellState failed = await(reported, state -> "false".equals(state.lastCommand()) && !state.commandRunning());
        assertThat(failed).isEqualTo(new DaemonMessage.ShellState(id, "/tmp", "false", 1, false));

        session.write("echo hi\n".getBytes(StandardCharsets.UTF_8));
        DaemonMessage.ShellState ok = await(reported, state -> "echo hi".equals(state.lastCommand()) && !state.commandRunning());
        assertThat(ok).isEqualTo(new DaemonMessage.ShellState(id, "/tmp", "echo hi", 0, false));
        assertThat(shells.current(id)).contains(ok);
        for (int i = 1; i < reported.size(); i++) {
            assertThat(reported.get(i)).as("only changes are reported").isNotEqualTo(reported.get(i - 1));
        }
        // the terminal model reads the output on its own thread, a moment after the shell state is reported
        awaitCondition(() -> sessions.screen(id).orElseThrow().screenText().contains("rc-loaded$ echo hi"));
        assertThat(sessions.screen(id).orElseThrow().screenText()).as("~/.bashrc was loaded").contains("rc-loaded$ echo hi");

        session.write("sleep 30\n".getBytes(StandardCharsets.UTF_8));
        DaemonMessage.ShellState running = await(reported, state -> state.commandRunning() && "sleep 30".equals(state.lastCommand()));
        assertThat(running).isEqualTo(new DaemonMessage.ShellState(id, "/tmp", "sleep 30", null, true));

        sessions.detach();
        ShellStates afterRestart = new ShellStates();
        sessions = registry(afterRestart);
        assertThat(sessions.reports()).extracting(report -> report.sessionId()).containsExactly(id);
        assertThat(sessions.running(id)).isPresent();
        awaitCondition(() -> afterRestart.current(id).equals(Optional.of(running)));
        assertThat(afterRestart.all()).containsExactly(running);
    }

    private static DaemonMessage.ShellState await(List<DaemonMessage.ShellState> reported,
            Predicate<DaemonMessage.ShellState> wanted) throws InterruptedException {
        awaitCondition(() -> reported.stream().anyMatch(wanted));
        return reported.stream().filter(wanted).findFirst().orElseThrow();
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }
}
