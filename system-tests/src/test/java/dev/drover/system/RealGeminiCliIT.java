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
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Gemini CLI (installed from the npm registry by this module's build) run by the whole
 * system from its shipped profile, with only the model API mocked: the first prompt reaches the
 * model, the profile's stop sequence quits Gemini by {@code /quit} (not by a signal), the resume id
 * Gemini prints on quit is captured, and Resume continues the same conversation.
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

    private SystemUnderTest system;
    private MockGeminiApi model;
    private Path project;
    private String hostId;
    /** Gemini's HOME: outside the stack's state root, which sessions do not see (session isolation). */
    @TempDir
    static Path geminiHome;

    @BeforeAll
    void start() throws Exception {
        Path gemini = Path.of(System.getProperty("drover.test.clis", System.getProperty("user.home") + "/.cache/drover/test-clis"))
                .resolve("node_modules/.bin/gemini");
        assertThat(gemini).as("Gemini CLI is installed by system-tests' build (npm install)").isExecutable();
        model = new MockGeminiApi();
        system = SystemUnderTest.start();
        hostId = system.hostId(SystemUnderTest.HOST);
        project = Files.createDirectories(system.projectRoot().resolve("gemini-" + java.util.UUID.randomUUID())).toRealPath();
        Files.writeString(Files.createDirectories(geminiHome.resolve(".gemini")).resolve("settings.json"), """
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
        await().atMost(Duration.ofSeconds(60))
                .alias("the daemon reloaded its profiles and found Gemini CLI " + VERSION)
                .until(() -> geminiOffered().path("installed").asBoolean()
                        && geminiOffered().path("version").asText().equals(VERSION));
    }

    private JsonNode geminiOffered() {
        for (JsonNode agent : system.admin.call("GET", "/api/v1/hosts/" + hostId, null).path("agents")) {
            if (agent.path("id").asText().equals("gemini")) {
                return agent;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @AfterAll
    void stop() throws IOException {
        if (system != null) {
            system.close();
        }
        if (project != null) {
            try (Stream<Path> files = Files.walk(project)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (model != null) {
            model.close();
        }
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

    private JsonNode state(String id) {
        return system.admin.call("GET", "/api/v1/sessions/" + id, null);
    }
}
