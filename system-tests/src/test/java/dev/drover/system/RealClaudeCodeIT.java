package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Claude Code CLI (installed from the npm registry by this module's build) run by the
 * whole system from its shipped profile, with only the model API mocked: the session id Drover
 * pre-assigns is the one Claude uses, the first prompt reaches the model, the profile's stop
 * sequence ends Claude gracefully, and Resume continues the same conversation. Claude asks before it
 * runs a tool (its permission mode is set to ask): a prompt sent through Drover is confirmed, the daemon
 * holds Claude's {@code PermissionRequest} hook so the session needs approval, and an Allow in Drover
 * answers the held hook, after which the command runs and the session works, then is idle (ADR 0024;
 * delays in docs/benchmarks.md).
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClaudeCodeIT {

    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(60);
    /** Prompts are single words so they can be found in the output: the renderer moves the cursor over spaces. */
    private static final String FIRST_PROMPT = "greet_drover_first";
    private static final String SECOND_PROMPT = "greet_drover_again";

    private SystemUnderTest system;
    private MockAnthropicApi model;
    private Path project;
    private String hostId;
    /** Claude's HOME: outside the stack's state root, which sessions do not see (session isolation). */
    @TempDir
    static Path claudeHome;

    @BeforeAll
    void start() throws Exception {
        model = new MockAnthropicApi();
        system = SystemUnderTest.start();
        hostId = system.hostId(SystemUnderTest.HOST);
        project = Files.createDirectories(system.projectRoot().resolve("claude-" + java.util.UUID.randomUUID())).toRealPath();
        // Claude's default mode here runs tools without asking: ask, so that a tool call raises a permission request.
        Files.createDirectories(claudeHome.resolve(".claude"));
        Files.writeString(claudeHome.resolve(".claude/settings.json"), "{\"permissions\":{\"defaultMode\":\"default\"}}");
        RealClaude.install(system, hostId, claudeHome, project, model, "");
    }

    @AfterAll
    void stop() throws IOException {
        RealClis.cleanUp(system, project, model);
    }

    @Test
    void claudeRunsUnderItsPreassignedSessionIdStopsGracefullyAndResumesTheConversation() throws IOException {
        Map<String, Object> spawn = new HashMap<>(Map.of("hostId", hostId, "profile", "claude", "cwd", project.toString(),
                "prompt", FIRST_PROMPT, "task", "Real Claude", "cols", 120, "rows", 40));
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", spawn);
        assertThat(session.path("state").asText()).isEqualTo("running");
        String id = session.path("id").asText();
        String agentSessionId = session.path("agentSessionId").asText();
        assertThat(agentSessionId).matches("[0-9a-f-]{36}");

        await().atMost(AGENT_TIMEOUT).untilAsserted(() -> assertThat(model.requests())
                .anySatisfy(request -> {
                    assertThat(request.sessionId()).isEqualTo(agentSessionId);
                    assertThat(request.userTexts()).anySatisfy(text -> assertThat(text).contains(FIRST_PROMPT));
                }));
        try (TerminalClient terminal = system.attach(id, 0)) {
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains(MockAnthropicApi.REPLY));
        }
        await().atMost(AGENT_TIMEOUT).alias("Claude's Stop hook reached the hub through the daemon")
                .until(() -> "Stop".equals(state(id).path("lastHook").path("event").asText()));
        try (Stream<Path> transcripts = Files.walk(claudeHome.resolve(".claude/projects"))) {
            assertThat(transcripts.map(path -> path.getFileName().toString())).contains(agentSessionId + ".jsonl");
        }

        long stopAsked = System.nanoTime();
        system.admin.call("POST", "/api/v1/sessions/" + id + "/stop", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> !"running".equals(state(id).path("state").asText()));
        JsonNode stopped = state(id);
        assertThat(stopped.path("state").asText()).isEqualTo("exited");
        assertThat(stopped.path("stopReason").asText()).isEqualTo("stopped-by-user");
        assertThat(stopped.path("exitCode").asInt()).as("Claude left by /exit, not by a signal").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).as("graceful stop took").isLessThan(Duration.ofSeconds(10));

        JsonNode resumed = system.admin.call("POST", "/api/v1/sessions/" + id + "/resume", null);
        assertThat(resumed.path("state").asText()).isEqualTo("running");
        assertThat(resumed.path("mode").asText()).isEqualTo("resume");
        assertThat(resumed.path("resumedFrom").asText()).isEqualTo(id);
        assertThat(resumed.path("agentSessionId").asText()).isEqualTo(agentSessionId);
        assertThat(resumed.path("task").asText()).isEqualTo("Real Claude");
        int before = model.requests().size();
        try (TerminalClient terminal = system.attach(resumed.path("id").asText(), 0)) {
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains(FIRST_PROMPT));
            terminal.type(SECOND_PROMPT);
            await().atMost(Duration.ofSeconds(5)).until(() -> terminal.output().contains(SECOND_PROMPT));
            terminal.type("\r");
            await().atMost(AGENT_TIMEOUT).untilAsserted(() -> assertThat(model.requests().subList(before, model.requests().size()))
                    .anySatisfy(request -> assertThat(request.userTexts())
                            .anySatisfy(text -> assertThat(text).contains(FIRST_PROMPT))
                            .anySatisfy(text -> assertThat(text).contains(SECOND_PROMPT))));
        }
        system.admin.call("POST", "/api/v1/sessions/" + resumed.path("id").asText() + "/stop", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "exited".equals(state(resumed.path("id").asText()).path("state").asText()));
    }

    @Test
    void aToolCallNeedsApprovalAndAnAllowInDroverAnswersTheHeldHookThenClaudeWorksAndIsIdle() throws Exception {
        String id = system.admin.call("POST", "/api/v1/sessions", Map.of("hostId", hostId, "profile", "claude",
                "cwd", project.toString(), "task", "Real Claude approval", "cols", 120, "rows", 40)).path("id").asText();
        try (TerminalClient terminal = system.attach(id, 0)) {
            await().atMost(AGENT_TIMEOUT).alias("Claude's SessionStart hook made the session idle")
                    .until(() -> "idle".equals(ActivityWatch.activity(system, id)));
            Instant prompted = Instant.now();
            String cli = "Claude Code " + RealClaude.VERSION;
            ActivityWatch.prompt(system, cli, id, MockAnthropicApi.TOOL_PROMPT, AGENT_TIMEOUT);

            long needsApproval = ActivityWatch.firstSeen(AGENT_TIMEOUT, () -> "needs-approval".equals(ActivityWatch.activity(system, id)));
            JsonNode waiting = state(id);
            assertThat(waiting.path("activityDetail").asText()).isEqualTo(MockAnthropicApi.TOOL_COMMAND);
            assertThat(waiting.path("activityCause").asText()).contains("PermissionRequest");
            // Claude Code 2.1.329 draws its own permission prompt while its PermissionRequest hook is held.
            System.out.printf("Claude's own prompt on screen while its hook is held: %s%n", terminal.output().contains("proceed?"));
            assertThat(system.admin.call("GET", "/api/v1/inbox", null))
                    .anySatisfy(item -> assertThat(item.path("sessionId").asText()).isEqualTo(id));

            ActivityWatch.allowThenIdle(system, cli + " (needs-approval after the model asked for the tool)", id, "hook",
                    terminal, MockAnthropicApi.AFTER_TOOL, prompted, Duration.ofNanos(needsApproval - model.toolAskedAt()),
                    AGENT_TIMEOUT);
            assertThat(project.resolve("mock_tool_was_here.txt")).as("the allowed command ran").exists();
        } finally {
            system.admin.call("POST", "/api/v1/sessions/" + id + "/stop", null);
            await().atMost(Duration.ofSeconds(20)).until(() -> "exited".equals(state(id).path("state").asText()));
        }
    }

    private JsonNode state(String id) {
        return system.admin.call("GET", "/api/v1/sessions/" + id, null);
    }
}
