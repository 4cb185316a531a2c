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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12: the real Claude Code, with only the model API mocked, is stopped by its session budget,
 * and once the budget is spent its next prompt is refused by its {@code UserPromptSubmit} hook. The
 * test's profile starts the stop sequence with a pause (as a busy agent would take to react) so that
 * the refusal can be seen; the overspend it prints is what docs/budgets.md records.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClaudeBudgetIT {

    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(60);
    private static final String FIRST_PROMPT = "budget_first_turn";
    private static final String SECOND_PROMPT = "budget_second_turn";
    private static final String REFUSED_PROMPT = "budget_refused_turn";
    /** The budget set at spawn; lowered after the first turn to just above what it used. */
    private static final long SPAWN_BUDGET_TOKENS = 1_000_000;

    private SystemUnderTest system;
    private MockAnthropicApi model;
    private Path project;
    private String hostId;
    @TempDir
    static Path claudeHome;

    @BeforeAll
    void start() throws Exception {
        model = new MockAnthropicApi();
        system = SystemUnderTest.start();
        hostId = system.hostId(SystemUnderTest.HOST);
        project = Files.createDirectories(system.projectRoot().resolve("claude-budget-" + UUID.randomUUID())).toRealPath();
        // A stop sequence that types a harmless space and waits 10 s before /exit: the window in which
        // the hook must refuse the next prompt.
        RealClaude.install(system, hostId, claudeHome, project, model, """
                stop:
                  - send: " "
                    timeout: 10s
                  - send: "/exit\\r"
                    timeout: 5s
                  - signal: TERM
                    timeout: 5s
                  - signal: KILL
                    timeout: 5s
                """);
    }

    @AfterAll
    void stop() throws IOException {
        RealClis.cleanUp(system, project, model);
    }

    @Test
    void aSmallBudgetStopsTheSessionAndTheHookRefusesTheNextPrompt() {
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", Map.of("hostId", hostId, "profile", "claude",
                "cwd", project.toString(), "prompt", FIRST_PROMPT, "cols", 120, "rows", 40,
                "budgetTokens", SPAWN_BUDGET_TOKENS));
        String id = session.path("id").asText();
        assertThat(session.path("budget").path("tokens").asLong()).isEqualTo(SPAWN_BUDGET_TOKENS);

        try (TerminalClient terminal = system.attach(id, 0)) {
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains(MockAnthropicApi.REPLY));
            await().atMost(AGENT_TIMEOUT).alias("the first turn's usage reached the hub")
                    .until(() -> tokens(state(id)) > 0);
            long firstTurn = settledTokens(id);
            long budget = firstTurn + 1;
            JsonNode lowered = system.admin.call("PUT", "/api/v1/sessions/" + id + "/budget", Map.of("tokens", budget));
            assertThat(lowered.path("budget").path("spentAt").isNull()).as("one turn is within the budget").isTrue();

            int requestsBefore = model.requests().size();
            long crossingAsked = System.nanoTime();
            terminal.type(SECOND_PROMPT);
            await().atMost(Duration.ofSeconds(5)).until(() -> terminal.output().contains(SECOND_PROMPT));
            terminal.type("\r");
            await().atMost(AGENT_TIMEOUT).alias("the hub stopped the session for its budget")
                    .until(() -> !state(id).path("budget").path("spentAt").isNull());
            Duration toStop = Duration.ofNanos(System.nanoTime() - crossingAsked);
            long tokensWhenSpent = tokens(state(id));

            terminal.type(REFUSED_PROMPT + "\r");
            await().atMost(Duration.ofSeconds(8)).alias("the UserPromptSubmit hook refused the prompt")
                    .until(() -> terminal.output().contains("Drover stopped this session"));
            assertThat(model.requests()).as("the refused prompt never reached the model")
                    .noneSatisfy(request -> assertThat(request.userTexts()).anySatisfy(
                            text -> assertThat(text).contains(REFUSED_PROMPT)));

            await().atMost(Duration.ofSeconds(30)).until(() -> "exited".equals(state(id).path("state").asText()));
            JsonNode ended = state(id);
            assertThat(ended.path("stopReason").asText()).isEqualTo("budget");
            List<String> kinds = system.admin.call("GET", "/api/v1/budgets/events?sessionId=" + id, null).findValuesAsText("kind");
            assertThat(kinds).containsExactlyInAnyOrder("warning", "spent");
            long finalTokens = tokens(ended);
            System.out.printf("budget overspend, Claude Code: budget %d tokens, %d when spent, %d at exit (over by %d),"
                            + " %d model requests after the crossing prompt, %d ms from the prompt to the stop%n",
                    budget, tokensWhenSpent, finalTokens, finalTokens - budget,
                    model.requests().size() - requestsBefore, toStop.toMillis());
        }
    }

    /** The session's tokens once they stayed the same for two seconds (a turn's usage may come in several exports). */
    private long settledTokens(String id) {
        long[] last = {-1};
        await().atMost(AGENT_TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long now = tokens(state(id));
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private static long tokens(JsonNode session) {
        JsonNode usage = session.path("usage");
        return usage.path("inputTokens").asLong() + usage.path("outputTokens").asLong()
                + usage.path("cacheReadTokens").asLong() + usage.path("cacheCreationTokens").asLong();
    }

    private JsonNode state(String id) {
        return system.admin.call("GET", "/api/v1/sessions/" + id, null);
    }
}
