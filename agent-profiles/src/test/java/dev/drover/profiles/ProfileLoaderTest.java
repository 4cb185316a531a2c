package dev.drover.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

    @TempDir
    Path overrides;

    private final ProfileLoader loader = new ProfileLoader();

    private ProfileCatalog load(String file, String yaml) throws IOException {
        Files.writeString(overrides.resolve(file), yaml);
        return loader.load(Optional.of(overrides));
    }

    @Test
    void anOverrideChangesOnlyTheKeysItNames() throws IOException {
        ProfileCatalog catalog = load("claude.yaml", """
                id: claude
                env:
                  ANTHROPIC_BASE_URL: http://127.0.0.1:9999
                stop:
                  - signal: KILL
                    timeout: 1s
                """);
        assertThat(catalog.problems()).isEmpty();
        AgentProfile claude = catalog.find("claude").orElseThrow();
        assertThat(claude.env()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:9999")
                .containsEntry("DISABLE_AUTOUPDATER", "1");
        assertThat(claude.stop()).hasSize(1);
        assertThat(claude.commands().start()).containsExactly("claude", "--session-id", "{agentSessionId}");
    }

    @Test
    void aNewIdAddsAProfile() throws IOException {
        ProfileCatalog catalog = load("mytool.yml", """
                id: mytool
                name: My tool
                binary:
                  command: mytool
                commands:
                  new: [mytool, --interactive]
                stop:
                  - signal: KILL
                    timeout: 2s
                """);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.find("mytool").orElseThrow().commands().start()).containsExactly("mytool", "--interactive");
    }

    @Test
    void aShortProfileNamesTheGenAiConventionAndChangesOneKeyOfIt() throws IOException {
        ProfileCatalog catalog = load("genai.yaml", """
                id: genai
                name: GenAI agent
                binary:
                  command: genai
                commands:
                  new: [genai]
                stop:
                  - signal: KILL
                    timeout: 1s
                telemetry:
                  usage:
                    convention: gen-ai-metric
                    metric:
                      temporality: cumulative
                """);
        assertThat(catalog.problems()).isEmpty();
        AgentProfile.Usage usage = catalog.find("genai").orElseThrow().telemetry().usage();
        assertThat(usage.metric().name()).isEqualTo("gen_ai.client.token.usage");
        assertThat(usage.metric().typeAttribute()).isEqualTo("gen_ai.token.type");
        assertThat(usage.metric().types()).containsOnly(
                Map.entry("input", TokenField.INPUT), Map.entry("output", TokenField.OUTPUT));
        assertThat(usage.metric().temporality()).isEqualTo(Temporality.CUMULATIVE);
        assertThat(usage.modelAttribute()).containsExactly("gen_ai.response.model", "gen_ai.request.model");
        assertThat(usage.model(Map.of("gen_ai.request.model", "m-1"))).contains(Map.entry("gen_ai.request.model", "m-1"));
    }

    @Test
    void anUnknownUsageConventionIsNamedWithItsLine() throws IOException {
        ProfileCatalog catalog = load("genai.yaml", """
                id: genai
                name: GenAI agent
                binary:
                  command: genai
                commands:
                  new: [genai]
                stop:
                  - signal: KILL
                    timeout: 1s
                telemetry:
                  usage:
                    convention: ../claude
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(12);
            assertThat(problem.reason()).startsWith("telemetry.usage.convention: ");
        });
        assertThat(catalog.find("genai")).isEmpty();
    }

    @Test
    void anInvalidOverrideIsReportedWithFileAndLineAndTheShippedProfileStays() throws IOException {
        ProfileCatalog catalog = load("claude.yaml", """
                id: claude
                name: Claude
                stop:
                  - send: "/exit\\r"
                    timeout: soon
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(overrides.resolve("claude.yaml").toString());
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.reason()).startsWith("stop.0.timeout: ");
        });
        assertThat(catalog.find("claude").orElseThrow().name()).isEqualTo("Claude Code");
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() throws IOException {
        ProfileCatalog catalog = load("x.yaml", """
                id: claude
                name: Claude
                binray:
                  command: claude
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.reason()).contains("'binray' is not defined");
        });
    }

    @Test
    void brokenYamlNamesTheLineItBreaksOn() throws IOException {
        ProfileCatalog catalog = load("broken.yaml", """
                id: broken
                name: Broken
                commands:
                  new: [broken
                stop: []
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).endsWith("broken.yaml");
            assertThat(problem.reason()).startsWith("not valid YAML");
            assertThat(problem.line()).isBetween(4, 5);
        });
        assertThat(catalog.find("broken")).isEmpty();
    }

    @Test
    void aSecretInProcessArgumentsIsRefused() throws IOException {
        ProfileCatalog catalog = load("leaky.yaml", """
                id: leaky
                name: Leaky
                binary:
                  command: leaky
                commands:
                  new:
                    - leaky
                    - --token={telemetryToken}
                stop:
                  - signal: KILL
                    timeout: 1s
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.reason()).contains("{telemetryToken} is a secret");
        });
        assertThat(catalog.find("leaky")).isEmpty();
    }

    @Test
    void unknownPlaceholdersBadPatternsAndAStopWithoutKillAreEachNamed() throws IOException {
        ProfileCatalog catalog = load("odd.yaml", """
                id: odd
                name: Odd
                binary:
                  command: odd
                  version:
                    args: [--version]
                    pattern: '\\d+('
                commands:
                  new: [odd, '{sesionId}']
                stop:
                  - signal: TERM
                    timeout: 1s
                """);
        assertThat(catalog.problems()).extracting(ProfileProblem::line, p -> p.reason().split(":")[0])
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(7, "not a valid regular expression"),
                        org.assertj.core.groups.Tuple.tuple(9, "unknown placeholder {sesionId}; known"),
                        org.assertj.core.groups.Tuple.tuple(11, "the last stop step must be signal"));
    }

    @Test
    void aProblemInASettingTheOverrideDoesNotSetIsChargedToTheShippedFile() throws IOException {
        ProfileCatalog catalog = load("codex.yaml", """
                id: codex
                agentSessionId: preassigned
                """);
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("agent-profiles/codex.yaml");
            assertThat(problem.reason()).contains("agentSessionId: preassigned needs {agentSessionId}");
        });
    }
}
