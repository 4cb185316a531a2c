package dev.drover.daemon.profile;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static dev.drover.daemon.session.SessionTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.project.Git;
import dev.drover.daemon.project.ProjectRoots;
import dev.drover.daemon.project.Worktrees;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.SpawnException;
import dev.drover.daemon.session.TestConfig;
import dev.drover.daemon.shell.BashIntegration;
import dev.drover.profiles.AgentProfile.StopStep;
import dev.drover.profiles.StopSignal;
import dev.drover.protocol.daemon.DaemonMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spawning from profiles against a real tmux keeper: commands, secrets, files, stop sequences, resume ids. */
class SessionLauncherTest {

    private static final DaemonMessage.TelemetryWiring TELEMETRY = new DaemonMessage.TelemetryWiring(
            "http://127.0.0.1:4318", "secret-token-123", "drover.session.id=s1");

    @TempDir
    Path stateDir;

    @TempDir
    Path overrides;

    /** The daemon's {@code $HOME}; Java's {@code user.home} is someone else's. */
    @TempDir
    Path home;

    private ProfileRegistry profiles;
    private SessionRegistry sessions;
    private LaunchPlanner planner;
    private SessionLauncher launcher;

    @BeforeEach
    void start() {
        profiles = new ProfileRegistry(new TestProfilesConfig(overrides));
        TestConfig config = new TestConfig(stateDir, DaemonConfig.KeeperKind.TMUX, 8L << 20, 64L << 20, 4L << 30);
        planner = new LaunchPlanner(profiles, new BashIntegration(config), id -> "http://127.0.0.1:9/hooks/" + id,
                Map.of("HOME", home.toString()));
        sessions = config.registry();
        Path worktrees = stateDir.resolve("worktrees");
        launcher = new SessionLauncher(sessions, planner, new ProjectRoots(List.of(stateDir), worktrees),
                new Worktrees(new Git(Duration.ofSeconds(10)), worktrees, sessions::runningDirectories));
    }

    @AfterEach
    void stop() throws Exception {
        sessions.tmux().orElseThrow().killServer();
        sessions.detach();
        profiles.close();
    }

    private static DaemonMessage.Spawn spawn(String profile, String mode, String agentSessionId, String prompt,
            List<String> command) {
        return new DaemonMessage.Spawn("r", UUID.randomUUID(), command, null, Map.of("TERM", "xterm-256color"), 100, 30,
                profile, mode, agentSessionId, prompt, TELEMETRY, false);
    }

    @Test
    void claudeStartsWithItsPreassignedSessionIdAndThePromptAsOneArgumentAndTheTokenOnlyInItsEnvironment() throws Exception {
        String agentId = UUID.randomUUID().toString();
        DaemonMessage.Spawn spawn = spawn("claude", "new", agentId, "fix it; rm -rf / $(id)", List.of());
        SessionLaunch launch = planner.plan(spawn, stateDir, sessions.sessionDir(spawn.sessionId()));
        assertThat(launch.argv()).containsExactly("claude", "--session-id", agentId, "--settings",
                sessions.sessionDir(spawn.sessionId()).resolve("agent/claude-settings.json").toString(), "fix it; rm -rf / $(id)");
        assertThat(launch.env()).containsEntry("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer secret-token-123")
                .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "drover.session.id=s1")
                .containsEntry("OTEL_METRIC_EXPORT_INTERVAL", "1000")
                .containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("TERM", "xterm-256color");
        assertThat(String.join(" ", launch.argv())).doesNotContain("secret-token-123");
        Path settings = sessions.sessionDir(spawn.sessionId()).resolve("agent/claude-settings.json");
        assertThat(launch.argv()).doesNotContain(launch.hooksToken());
        assertThat(java.nio.file.Files.readString(settings))
                .contains("\"url\": \"http://127.0.0.1:9/hooks/" + spawn.sessionId() + "\"")
                .contains("\"Authorization\": \"Bearer " + launch.hooksToken() + "\"");
        assertThat(PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
        assertThat(launch.stop()).extracting(StopStep::send).first().isEqualTo("\u0003");
    }

    @Test
    void resumeAndContinueUseTheProfilesCommands() throws Exception {
        DaemonMessage.Spawn resume = spawn("codex", "resume", "01a1fc96-f617-70b0-9b4b-aa5cf54f9a64", null, List.of());
        assertThat(planner.plan(resume, stateDir, stateDir.resolve("a")).argv())
                .containsExactly("codex", "resume", "01a1fc96-f617-70b0-9b4b-aa5cf54f9a64");
        DaemonMessage.Spawn latest = spawn("gemini", "continue", null, "go on", List.of());
        assertThat(planner.plan(latest, stateDir, stateDir.resolve("b")).argv())
                .containsExactly("gemini", "--resume", "latest", "--prompt-interactive", "go on");
    }

    @Test
    void codexGetsAPrivateHomeWithTheUsersConfigFromTheirHomeVariableAndTheTelemetryTable() throws Exception {
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "model = \"gpt-5.5\"\n");
        DaemonMessage.Spawn spawn = spawn("codex", "new", null, null, List.of());
        Path sessionDir = stateDir.resolve("codex-session");
        SessionLaunch launch = planner.plan(spawn, stateDir, sessionDir);
        Path codexHome = sessionDir.resolve("agent/codex-home");
        assertThat(launch.env()).containsEntry("CODEX_HOME", codexHome.toString());
        Path config = codexHome.resolve("config.toml");
        assertThat(Files.readString(config)).startsWith("model = \"gpt-5.5\"\n").contains("[otel]")
                .contains("endpoint = \"http://127.0.0.1:4318/v1/logs\"")
                .contains("\"authorization\" = \"Bearer secret-token-123\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionDir.resolve("agent")))).isEqualTo("rwx------");
        assertThat(Files.isSymbolicLink(codexHome.resolve("sessions"))).isTrue();
        assertThat(Files.readSymbolicLink(codexHome.resolve("sessions"))).isEqualTo(home.resolve(".codex/sessions"));
        assertThat(Files.readSymbolicLink(codexHome.resolve("auth.json"))).isEqualTo(home.resolve(".codex/auth.json"));
    }

    /** Codex's rollout writer failed with "File exists (os error 17)" behind a link to a missing directory. */
    @Test
    void codexCanWriteItsRolloutsWhenTheUserHasNoSessionsDirectoryYet() throws Exception {
        Path sessionDir = stateDir.resolve("codex-session");
        planner.plan(spawn("codex", "new", null, null, List.of()), stateDir, sessionDir);

        Path sessions = sessionDir.resolve("agent/codex-home/sessions");
        Files.createDirectories(sessions.resolve("2026/12/07"));
        Files.writeString(sessions.resolve("2026/12/07/rollout-1.jsonl"), "{}\n");
        assertThat(home.resolve(".codex/sessions/2026/12/07/rollout-1.jsonl")).hasContent("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".codex/sessions"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aSessionWithoutAWorkingDirectoryStartsInTheDaemonsHomeVariable() throws Exception {
        assertThat(planner.home()).isEqualTo(home);
        RunningSession session = launcher.launch(spawn("bash", "new", null, null, List.of()), step -> { });

        session.write("echo \"in:$(pwd)\"\r".getBytes(StandardCharsets.UTF_8));
        await(() -> text(session.log()).contains("in:" + home), Duration.ofSeconds(10));
    }

    @Test
    void whatAProfileDoesNotAllowIsRefusedWithAReason() {
        assertThatThrownBy(() -> planner.plan(spawn("nope", "new", null, null, List.of()), stateDir, stateDir))
                .isInstanceOf(SpawnException.class).hasMessage("unknown profile nope");
        assertThatThrownBy(() -> planner.plan(spawn("claude", "resume", null, null, List.of()), stateDir, stateDir))
                .hasMessage("Claude Code resume: needs the agent's session id");
        assertThatThrownBy(() -> planner.plan(spawn("aider", "resume", "x", null, List.of()), stateDir, stateDir))
                .hasMessage("Aider cannot resume a session");
        assertThatThrownBy(() -> planner.plan(spawn("codex", "resume", "$(reboot)", null, List.of()), stateDir, stateDir))
                .hasMessageStartingWith("not an agent session id");
        assertThatThrownBy(() -> planner.plan(spawn("bash", "new", null, "hello", List.of()), stateDir, stateDir))
                .hasMessage("Bash cannot take a first prompt");
        assertThatThrownBy(() -> planner.plan(spawn("claude", "new", "a", null, List.of("sh")), stateDir, stateDir))
                .hasMessage("Claude Code starts its own command; use the command profile to run another one");
        assertThatThrownBy(() -> planner.plan(spawn("command", "new", null, null, List.of()), stateDir, stateDir))
                .hasMessage("the command profile needs a command line");
        assertThatThrownBy(() -> planner.plan(spawn("bash", "sideways", null, null, List.of()), stateDir, stateDir))
                .hasMessage("unknown mode sideways (new, resume or continue)");
    }

    @Test
    void aWorkingDirectoryWithDotDotOrOutsideTheProjectRootsIsRefusedBeforeAnythingRuns() {
        DaemonMessage.Spawn dotDot = new DaemonMessage.Spawn("r", UUID.randomUUID(), List.of(),
                stateDir + "/../" + stateDir.getFileName(), Map.of(), 80, 24, "bash", "new", null, null, null, false);
        assertThatThrownBy(() -> launcher.launch(dotDot, step -> { }))
                .isInstanceOf(SpawnException.class).hasMessageContaining("must not contain '..'");
        DaemonMessage.Spawn outside = new DaemonMessage.Spawn("r", UUID.randomUUID(), List.of(), "/etc", Map.of(), 80, 24,
                "bash", "new", null, null, null, false);
        assertThatThrownBy(() -> launcher.launch(outside, step -> { })).isInstanceOf(SpawnException.class);
        assertThat(sessions.log(dotDot.sessionId())).isEmpty();
        assertThat(sessions.log(outside.sessionId())).isEmpty();
    }

    @Test
    void aSessionAskedToRunInAWorktreeGetsItsOwnBranch() throws Exception {
        Path repo = java.nio.file.Files.createDirectories(stateDir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        List<String> progress = new ArrayList<>();
        DaemonMessage.Spawn bash = new DaemonMessage.Spawn("r", UUID.randomUUID(), List.of(), repo.toString(), Map.of(),
                80, 24, "bash", "new", null, null, null, true);
        RunningSession session = launcher.launch(bash, progress::add);
        assertThat(progress).containsExactly("preparing the session", "creating a git worktree", "starting bash");
        Path worktree = sessions.directory(session.id()).orElseThrow();
        assertThat(worktree.getParent()).isEqualTo(stateDir.resolve("worktrees").toRealPath());
        session.write("git branch --show-current > branch.txt; exit\r".getBytes(StandardCharsets.UTF_8));
        await(() -> !session.alive(), Duration.ofSeconds(10));
        assertThat(java.nio.file.Files.readString(worktree.resolve("branch.txt")).strip())
                .isEqualTo("drover/bash-" + Worktrees.shortId(session.id()));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void theStopSequenceTypesIntoTheAgentBeforeItSignals() throws Exception {
        Files.writeString(overrides.resolve("polite.yaml"), """
                id: polite
                name: Polite
                binary:
                  command: bash
                commands:
                  new: [bash, --norc, --noprofile, -c, 'read -r line; echo "got $line"; exit 4']
                stop:
                  - send: "quit\\r"
                    timeout: 5s
                  - signal: KILL
                    timeout: 5s
                """);
        profiles.reload();
        List<String> progress = new ArrayList<>();
        RunningSession session = launcher.launch(spawn("polite", "new", null, null, List.of()), progress::add);
        assertThat(progress).containsExactly("preparing the session", "starting bash");
        Thread.sleep(200);
        long started = System.nanoTime();
        assertThat(sessions.stop(session.id())).isTrue();
        await(() -> !session.alive(), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(text(session.log())).contains("got quit");
        assertThat(session.log().exitCode()).isEqualTo(4);
    }

    /**
     * Regression: the stop signals also killed the launch wrapper, which then recorded no exit
     * status, and now and then (2 runs in 25) tmux reported the dead pane without its signal.
     */
    @Test
    void anAgentThatIgnoresEverythingIsKilledByTheLastStepAndItsExitCodeIsSigkills() throws Exception {
        Files.writeString(overrides.resolve("stubborn.yaml"), """
                id: stubborn
                name: Stubborn
                binary:
                  command: bash
                commands:
                  new: [bash, --norc, --noprofile, -c, 'trap "" HUP INT TERM; while true; do sleep 0.1; done']
                stop:
                  - send: "\\u0003"
                    timeout: 300ms
                  - signal: TERM
                    timeout: 300ms
                  - signal: KILL
                    timeout: 5s
                """);
        profiles.reload();
        RunningSession session = launcher.launch(spawn("stubborn", "new", null, null, List.of()), step -> { });
        Thread.sleep(200);
        sessions.stop(session.id());
        await(() -> !session.alive(), Duration.ofSeconds(5));
        assertThat(session.log().exitCode()).isEqualTo(137);
    }

    @Test
    void theAgentsSessionIdIsCapturedFromWhatItPrintsWhenItQuits() throws Exception {
        Files.writeString(overrides.resolve("codexish.yaml"), """
                id: codexish
                name: Codex-like
                binary:
                  command: bash
                commands:
                  new: [bash, --norc, --noprofile, -c, 'printf "\\033[1mTo continue this session, run:\\033[0m\\r\\n  codex resume 01a1fc96-f617-70b0-9b4b-aa5cf54f9a64\\r\\n"']
                agentSessionId: captured
                resume:
                  capture: 'codex resume ([0-9a-f-]{36})'
                stop:
                  - signal: KILL
                    timeout: 1s
                """);
        profiles.reload();
        assertThat(profiles.offer().problems()).isEmpty();
        RunningSession session = launcher.launch(spawn("codexish", "new", null, null, List.of()), step -> { });
        await(() -> sessions.agentSessionId(session.id()).isPresent(), Duration.ofSeconds(10));
        assertThat(sessions.agentSessionId(session.id())).contains("01a1fc96-f617-70b0-9b4b-aa5cf54f9a64");
        await(() -> readMeta(sessions.sessionDir(session.id()).resolve("meta.json"))
                .contains("\"agentSessionId\":\"01a1fc96-f617-70b0-9b4b-aa5cf54f9a64\""), Duration.ofSeconds(5));
    }

    private static String readMeta(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
