package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Gemini CLI (installed from the npm registry by this module's build) run by the whole system from its
 * shipped profile, with only the model API mocked: every model request's tokens reach the hub exactly, with the
 * cached tokens out of the input, and priced from the profile, and the delay from the last answer to the figure on
 * the hub is measured; the profile's stop sequence quits Gemini by {@code /quit} (not by a signal), the resume id
 * Gemini prints on quit is captured, and Resume continues the same conversation; a prompt sent through Drover is
 * confirmed, the command the model asks to run makes the session need approval as Gemini's prompt shows, and an Allow
 * through Drover (Gemini's keys) lets it run, after which the session works and is idle.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGeminiCliIT {

    private static final String VERSION = "0.61.0";
    /** Gemini CLI, a Node bundle, takes tens of seconds to start on a busy machine. */
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(120);
    /** Prompts are single words so they can be found in the output: the renderer moves the cursor over spaces. */
    private static final String FIRST_PROMPT = "greet_drover_first";
    private static final String SECOND_PROMPT = "greet_drover_again";
    /** The shipped profile's prices, USD per million input, output and cache-read tokens. */
    private static final Map<String, List<BigDecimal>> PRICES = Map.of(
            "gemini-3.1-pro-preview", List.of(new BigDecimal("2.00"), new BigDecimal("12.00"), new BigDecimal("0.20")),
            "gemini-3.8-flash", List.of(new BigDecimal("0.30"), new BigDecimal("2.50"), new BigDecimal("0.03")),
            "gemini-3.5-flash-lite", List.of(new BigDecimal("0.10"), new BigDecimal("0.40"), new BigDecimal("0.01")));

    private SystemUnderTest system;
    private MockGeminiApi model;
    private Path project;
    private String hostId;
    /** Gemini's HOME: outside the stack's state root, which sessions do not see (session isolation). */
    @TempDir
    static Path geminiHome;

    @BeforeAll
    void start() throws Exception {
        Path gemini = RealClis.binary("gemini");
        model = new MockGeminiApi();
        system = SystemUnderTest.start();
        hostId = system.hostId(SystemUnderTest.HOST);
        project = Files.createDirectories(system.projectRoot().resolve("gemini-" + UUID.randomUUID())).toRealPath();
        Files.createDirectories(geminiHome.resolve(".gemini"));
        Files.writeString(geminiHome.resolve(".gemini/settings.json"), """
                {"security": {"auth": {"selectedType": "gemini-api-key"}},
                 "privacy": {"usageStatisticsEnabled": false},
                 "general": {"disableAutoUpdate": true, "disableUpdateNag": true}}
                """);
        Path overrides = Files.createDirectories(system.state.resolve("daemon-profiles"));
        Files.writeString(overrides.resolve("gemini.yaml"), """
                # The shipped profile with the test's binary, home and model API: commands replace, env merges.
                id: gemini
                binary:
                  command: %1$s
                commands:
                  new: [%1$s]
                  resume: [%1$s, --resume, '{agentSessionId}']
                  continue: [%1$s, --resume, latest]
                env:
                  HOME: %2$s
                  GEMINI_API_KEY: test-key
                  GOOGLE_GEMINI_BASE_URL: http://127.0.0.1:%3$d
                  GEMINI_CLI_TRUST_WORKSPACE: "true"
                """.formatted(gemini, geminiHome, model.port()));
        RealClis.awaitOffered(system, hostId, "gemini", VERSION, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws IOException {
        RealClis.cleanUp(system, project, model);
    }

    @Test
    void everyModelRequestIsCountedExactlyWithoutTheCachedTokensInInputAndPricedFromTheProfile() {
        Map<String, Object> spawn = new HashMap<>(Map.of("hostId", hostId, "profile", "gemini", "cwd", project.toString(),
                "prompt", "greet_drover", "cols", 120, "rows", 40));
        int before = model.answers().size();
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", spawn);
        assertThat(session.path("state").asText()).isEqualTo("running");
        String id = session.path("id").asText();

        await().atMost(AGENT_TIMEOUT).until(() -> answersSince(before).stream().anyMatch(MockGeminiApi.Answer::streamed));
        AtomicLong matchedAt = new AtomicLong();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<MockGeminiApi.Answer> answers = answersSince(before);
            JsonNode usage = system.admin.call("GET", "/api/v1/sessions/" + id, null).path("usage");
            assertThat(usage.path("inputTokens").asLong())
                    .isEqualTo(answers.size() * (MockGeminiApi.PROMPT_TOKENS - MockGeminiApi.CACHED_TOKENS));
            assertThat(usage.path("outputTokens").asLong())
                    .isEqualTo(answers.size() * (MockGeminiApi.CANDIDATE_TOKENS + MockGeminiApi.THOUGHT_TOKENS));
            assertThat(usage.path("cacheReadTokens").asLong()).isEqualTo(answers.size() * MockGeminiApi.CACHED_TOKENS);
            assertThat(usage.path("cacheCreationTokens").asLong()).isZero();
            assertThat(new BigDecimal(usage.path("costUsd").asText())).isEqualByComparingTo(cost(answers));
            matchedAt.set(System.nanoTime());
        });
        List<MockGeminiApi.Answer> answers = answersSince(before);
        assertThat(cost(answers)).isPositive();
        Duration delay = Duration.ofNanos(matchedAt.get() - answers.getLast().sentAtNanos());
        System.out.printf("Gemini CLI %s: %d model requests; last answer to the figure on the hub: %d ms%n",
                VERSION, answers.size(), delay.toMillis());
        assertThat(delay).as("usage on the hub after the last answer (the CLI batches its logs every 5 s)")
                .isLessThan(Duration.ofSeconds(20));

        system.admin.call("POST", "/api/v1/sessions/" + id + "/stop", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> !"running".equals(
                system.admin.call("GET", "/api/v1/sessions/" + id, null).path("state").asText()));
    }

    @Test
    void geminiQuitsByItsStopSequenceAndResumesByTheIdItPrinted() {
        Map<String, Object> spawn = new HashMap<>(Map.of("hostId", hostId, "profile", "gemini", "cwd", project.toString(),
                "prompt", FIRST_PROMPT, "task", "Real Gemini", "cols", 120, "rows", 40));
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", spawn);
        assertThat(session.path("state").asText()).isEqualTo("running");
        String id = session.path("id").asText();

        await().atMost(AGENT_TIMEOUT).untilAsserted(() -> assertThat(model.requests())
                .anySatisfy(request -> assertThat(request.userTexts()).anySatisfy(text -> assertThat(text).contains(FIRST_PROMPT))));
        try (TerminalClient terminal = system.attach(id, 0)) {
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains(MockGeminiApi.REPLY));
        }

        long stopAsked = System.nanoTime();
        system.admin.call("POST", "/api/v1/sessions/" + id + "/stop", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(state(id).path("state").asText()));
        JsonNode stopped = state(id);
        assertThat(stopped.path("state").asText()).isEqualTo("exited");
        assertThat(stopped.path("stopReason").asText()).isEqualTo("stopped-by-user");
        assertThat(stopped.path("exitCode").asInt()).as("Gemini left by /quit, not by a signal").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).as("graceful stop took").isLessThan(Duration.ofSeconds(15));
        String agentSessionId = stopped.path("agentSessionId").asText();
        assertThat(agentSessionId).as("the id Gemini printed on quit").matches("[0-9a-f-]{36}");

        JsonNode resumed = system.admin.call("POST", "/api/v1/sessions/" + id + "/resume", null);
        assertThat(resumed.path("state").asText()).isEqualTo("running");
        assertThat(resumed.path("mode").asText()).isEqualTo("resume");
        assertThat(resumed.path("agentSessionId").asText()).isEqualTo(agentSessionId);
        int before = model.requests().size();
        try (TerminalClient terminal = system.attach(resumed.path("id").asText(), 0)) {
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains(FIRST_PROMPT));
            await().atMost(AGENT_TIMEOUT).alias("Gemini drew its input box after resuming (what is typed before is lost)")
                    .until(() -> terminal.output().lastIndexOf("Type your message") > terminal.output().lastIndexOf("Resuming session"));
            terminal.type(SECOND_PROMPT);
            await().atMost(Duration.ofSeconds(10)).until(() -> terminal.output().contains(SECOND_PROMPT));
            terminal.type("\r");
            await().atMost(AGENT_TIMEOUT).untilAsserted(() -> assertThat(model.requests().subList(before, model.requests().size()))
                    .anySatisfy(request -> assertThat(request.userTexts())
                            .anySatisfy(text -> assertThat(text).contains(FIRST_PROMPT))
                            .anySatisfy(text -> assertThat(text).contains(SECOND_PROMPT))));
        }
        system.admin.call("POST", "/api/v1/sessions/" + resumed.path("id").asText() + "/stop", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "exited".equals(state(resumed.path("id").asText()).path("state").asText()));
    }

    @Test
    void aToolCallNeedsApprovalAndAnAllowInDroverLetsGeminiRunItThenItIsIdle() throws Exception {
        String id = system.admin.call("POST", "/api/v1/sessions", new HashMap<>(Map.of("hostId", hostId, "profile", "gemini",
                "cwd", project.toString(), "task", "Real Gemini approval", "cols", 120, "rows", 40))).path("id").asText();
        try (TerminalClient terminal = system.attach(id, 0)) {
            await().atMost(AGENT_TIMEOUT).alias("Gemini's title said it is ready")
                    .until(() -> "idle".equals(ActivityWatch.activity(system, id)));
            // Gemini sets its Ready title before it has loaded: a prompt typed then stays in its input box, its Enter
            // lost (the delivery ends unconfirmed). It has loaded once it shows how it authenticated.
            await().atMost(AGENT_TIMEOUT).until(() -> terminal.output().contains("Authenticated"));
            Instant prompted = Instant.now();
            String cli = "Gemini CLI " + VERSION;
            ActivityWatch.prompt(system, cli, id, MockGeminiApi.TOOL_PROMPT, AGENT_TIMEOUT);

            long promptShown = ActivityWatch.firstSeen(AGENT_TIMEOUT, () -> terminal.output().contains("execution"));
            long needsApproval = ActivityWatch.firstSeen(AGENT_TIMEOUT, () -> "needs-approval".equals(ActivityWatch.activity(system, id)));
            ActivityWatch.allowThenIdle(system, cli + " (needs-approval after its prompt showed)", id, "keys", terminal,
                    MockGeminiApi.AFTER_TOOL, prompted, Duration.ofNanos(Math.max(0, needsApproval - promptShown)), AGENT_TIMEOUT);
            assertThat(project.resolve("mock_tool_was_here.txt")).as("the allowed command ran").exists();
        } finally {
            system.admin.call("POST", "/api/v1/sessions/" + id + "/stop", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> "exited".equals(state(id).path("state").asText()));
        }
    }

    private List<MockGeminiApi.Answer> answersSince(int before) {
        List<MockGeminiApi.Answer> answers = model.answers();
        return answers.subList(before, answers.size());
    }

    private JsonNode state(String id) {
        return system.admin.call("GET", "/api/v1/sessions/" + id, null);
    }

    /** What the answers cost at the profile's prices. */
    private static BigDecimal cost(List<MockGeminiApi.Answer> answers) {
        BigDecimal usd = BigDecimal.ZERO;
        for (MockGeminiApi.Answer answer : answers) {
            List<BigDecimal> price = PRICES.get(answer.model());
            assertThat(price).as("a shipped price for " + answer.model()).isNotNull();
            usd = usd.add(price.get(0).multiply(BigDecimal.valueOf(MockGeminiApi.PROMPT_TOKENS - MockGeminiApi.CACHED_TOKENS))
                    .add(price.get(1).multiply(BigDecimal.valueOf(MockGeminiApi.CANDIDATE_TOKENS + MockGeminiApi.THOUGHT_TOKENS)))
                    .add(price.get(2).multiply(BigDecimal.valueOf(MockGeminiApi.CACHED_TOKENS))));
        }
        return usd.movePointLeft(6);
    }
}
