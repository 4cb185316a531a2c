package dev.drover.protocol.daemon;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One message of every hub-daemon type (and a few variants with the optional parts left out), each
 * under the name of its golden file in {@code golden/daemon/}: {@code <type>.json}, or
 * {@code <type>.<variant>.json} for a variant.
 */
public final class DaemonMessageSamples {

    public static final UUID HOST = UUID.fromString("7f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
    public static final UUID SESSION = UUID.fromString("0190a0b0-1c2d-7e3f-8a4b-5c6d7e8f9012");
    private static final UUID EXITED_SESSION = UUID.fromString("0190a0b0-1c2d-7e3f-8a4b-000000000001");
    private static final String AGENT_SESSION = "d1c6a7e0-3f4b-4c5d-9e8f-0a1b2c3d4e5f";
    private static final String REPO = "/home/dev/src/shop";
    private static final String WORKTREE = "/home/dev/.local/share/drover/worktrees/shop-7e8f9012";
    private static final String BRANCH = "drover/claude-7e8f9012";
    private static final Instant AT = Instant.parse("2026-12-07T04:05:06.789Z");

    private static final HostHealth HEALTH = new HostHealth(12.5, 16_000_000_000L, 6_000_000_000L, 500_000_000_000L,
            200_000_000_000L, 0.5, 0.25, 0.125, "Linux", "6.8.0-45-generic", "0.1.0", "tmux 3.4", "git version 2.43.0",
            "unavailable", "unshare failed: Operation not permitted");

    private static final WorktreeInfo ACTIVE_WORKTREE = new WorktreeInfo(REPO, WORKTREE, BRANCH, "main", SESSION, "claude",
            "a1b2c3d", false, false, false, WorktreeState.ACTIVE);

    private static final WorktreeInfo DIRTY_WORKTREE = new WorktreeInfo(REPO, WORKTREE, BRANCH, "main", SESSION, "claude",
            "e4f5a6b", true, false, false, WorktreeState.DIRTY);

    private static final ProfileInfo CLAUDE = new ProfileInfo("claude", "Claude Code", "Anthropic's coding agent",
            List.of("new", "resume", "continue"), "preassigned", false, true, true, "2.0.14", "/usr/local/bin/claude", null);

    private static final ProfileInfo CODEX = new ProfileInfo("codex", "Codex", "OpenAI's coding agent",
            List.of("new", "resume", "continue"), "captured", false, true, false, null, null, "codex is not on the PATH");

    /** Every sample by the name of its golden file (without {@code .json}), in a stable order. */
    public static final Map<String, DaemonMessage> ALL = samples();

    private DaemonMessageSamples() {
    }

    private static Map<String, DaemonMessage> samples() {
        Map<String, DaemonMessage> samples = new LinkedHashMap<>();
        samples.put("hello", new DaemonMessage.Hello(DaemonMessage.PROTOCOL_VERSION, "0.1.0", "build-01.example", "Linux",
                "amd64", List.of(new SessionReport(SESSION, SessionRunState.RUNNING, 20_480, null),
                        new SessionReport(EXITED_SESSION, SessionRunState.EXITED, 512, 0))));
        samples.put("welcome", new DaemonMessage.Welcome(HOST, DaemonMessage.PROTOCOL_VERSION));
        samples.put("spawn", new DaemonMessage.Spawn("req-1", SESSION, List.of("claude"), REPO,
                Map.of("TERM_PROGRAM", "drover"), 120, 40, "claude", "new", AGENT_SESSION, "Fix the failing test",
                new DaemonMessage.TelemetryWiring("http://127.0.0.1:4318", "eyJhbGciOiJSUzI1NiJ9.session.token",
                        "drover.session.id=" + SESSION),
                true));
        samples.put("spawn.shell", new DaemonMessage.Spawn("req-2", SESSION, List.of(), "/home/dev", Map.of(), 80, 24));
        samples.put("spawned", new DaemonMessage.Spawned("req-1", SESSION, 4242));
        samples.put("spawn-failed", new DaemonMessage.SpawnFailed("req-1", SESSION, "claude is not on the PATH"));
        samples.put("spawn-progress", new DaemonMessage.SpawnProgress(SESSION, "creating the worktree"));
        samples.put("resize", new DaemonMessage.Resize(SESSION, 132, 43));
        samples.put("stop", new DaemonMessage.Stop(SESSION, "stopped by alice"));
        samples.put("session-exited", new DaemonMessage.SessionExited(SESSION, 0, 1_048_576, AGENT_SESSION));
        samples.put("session-exited.unknown-exit-code", new DaemonMessage.SessionExited(SESSION, null, 77, null));
        samples.put("open-stream", new DaemonMessage.OpenStream(1, SESSION, 0, 1_048_576, true));
        samples.put("screen", new DaemonMessage.Screen(1, 4242, 80, 24, base64("\u001b[2J\u001b[Hhi"), 4, 1024));
        samples.put("credit", new DaemonMessage.Credit(1, 262_144));
        samples.put("input-written", new DaemonMessage.InputWritten(SESSION, 3));
        samples.put("close-stream", new DaemonMessage.CloseStream(1));
        samples.put("stream-ended", new DaemonMessage.StreamEnded(1, 1_048_576, StreamEndReason.SESSION_EXITED, 0));
        samples.put("stream-ended.unknown-session",
                new DaemonMessage.StreamEnded(2, 0, StreamEndReason.UNKNOWN_SESSION, null));
        samples.put("heartbeat", new DaemonMessage.Heartbeat(HEALTH));
        samples.put("profiles", new DaemonMessage.Profiles(List.of(CLAUDE, CODEX),
                List.of("gemini.yaml:12: unknown property 'comand'")));
        samples.put("agent-hook", new DaemonMessage.AgentHook(SESSION, "Notification",
                "Claude needs your permission to use Bash", AT));
        samples.put("list-projects", new DaemonMessage.ListProjects("req-3", true));
        samples.put("projects", new DaemonMessage.Projects("req-3", AT, List.of("/home/dev/src"),
                List.of(new ProjectInfo("shop", REPO, "main", "a1b2c3d", false, "git@github.com:example/shop.git", null,
                        List.of(ACTIVE_WORKTREE)))));
        samples.put("projects.unasked", new DaemonMessage.Projects(null, AT, List.of("/home/dev/src"),
                List.of(new ProjectInfo("empty", "/home/dev/src/empty", null, null, null, null,
                        "git status timed out after 5 s", List.of()))));
        samples.put("discard-worktree", new DaemonMessage.DiscardWorktree("req-4", REPO, WORKTREE, BRANCH));
        samples.put("worktree-discarded", new DaemonMessage.WorktreeDiscarded("req-4", REPO, WORKTREE, BRANCH));
        samples.put("request-failed", new DaemonMessage.RequestFailed("req-4", "the worktree has uncommitted changes"));
        samples.put("worktree-created", new DaemonMessage.WorktreeCreated(ACTIVE_WORKTREE));
        samples.put("worktree-released", new DaemonMessage.WorktreeReleased(SESSION, DIRTY_WORKTREE, false,
                "uncommitted changes"));
        samples.put("shell-state", new DaemonMessage.ShellState(SESSION, REPO, "mvn verify", 1, false));
        samples.put("shell-state.running", new DaemonMessage.ShellState(SESSION, REPO, "npm test", null, true));
        samples.put("mcp-servers", new DaemonMessage.McpServers(SESSION, List.of(
                new McpServer("github", McpServer.STDIO, "npx",
                        List.of("-y", "@modelcontextprotocol/server-github", "--token", "***"), null,
                        "/home/dev/.claude.json"),
                new McpServer("docs", McpServer.HTTP, null, List.of(), "https://mcp.example.com/mcp", REPO + "/.mcp.json"))));
        samples.put("activity", new DaemonMessage.Activity(SESSION, ActivityState.NEEDS_APPROVAL, AT,
                "hook PermissionRequest Bash", "touch mock_tool_was_here.txt && ls"));
        samples.put("activity.idle", new DaemonMessage.Activity(SESSION, ActivityState.IDLE, AT, "hook Stop", null));
        samples.put("prompt", new DaemonMessage.Prompt("req-7", SESSION, "Run the tests and fix what fails"));
        samples.put("prompted", new DaemonMessage.Prompted("req-7", SESSION, true, ActivityState.IDLE, AT));
        samples.put("prompted.refused", new DaemonMessage.Prompted("req-8", SESSION, false, ActivityState.NEEDS_APPROVAL, AT));
        samples.put("read-screen", new DaemonMessage.ReadScreen("req-9", SESSION));
        samples.put("screen-text", new DaemonMessage.ScreenText("req-9", SESSION, 80, 3,
                List.of("$ npm test", "  12 passing", "$"),
                List.of("\u001b[0m$ npm test\u001b[0m", "\u001b[0m  \u001b[0;38;5;2m12 passing\u001b[0m", "\u001b[0m$\u001b[0m"), 4242));
        samples.put("decide", new DaemonMessage.Decide("r-decide-1", SESSION, false, "not on a Friday", "alice"));
        samples.put("decide.allow", new DaemonMessage.Decide("r-decide-2", SESSION, true, null, "alice"));
        samples.put("decided", new DaemonMessage.Decided("r-decide-1", SESSION, "hook", "make deploy"));
        samples.put("transcript", new DaemonMessage.Transcript(42, "claude", AGENT_SESSION, SESSION, REPO, List.of(
                new TranscriptEntry("5e1b0a2c-6d7e-4f80-9a1b-2c3d4e5f6071:0", null, null, null, "user", "text",
                        "Fix the failing test", null, null, false, null, 0, 0, 0, 0, AT),
                new TranscriptEntry("8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d:0", "msg_01XyZ", "5e1b0a2c-6d7e-4f80-9a1b-2c3d4e5f6071:0",
                        null, "assistant", "tool_use", "{\"command\":\"mvn test\"}", "Bash", "toolu_01AbC", false,
                        "claude-opus-5-5", 1111, 222, 4444, 333, AT),
                new TranscriptEntry("9b0c1d2e-3f4a-4b5c-9d8e-0f1a2b3c4d5e:0", null, "8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d:0",
                        "agent-a1b2c3", "tool", "tool_result", "BUILD FAILURE", null, "toolu_01AbC", true, null, 0, 0, 0, 0,
                        AT))));
        samples.put("transcript.own-run", new DaemonMessage.Transcript(43, "codex", AGENT_SESSION, null, REPO, List.of()));
        samples.put("transcript-ack", new DaemonMessage.TranscriptAck(42));
        return Collections.unmodifiableMap(samples);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
