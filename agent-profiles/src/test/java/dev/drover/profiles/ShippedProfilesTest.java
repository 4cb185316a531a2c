package dev.drover.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedProfilesTest {

    private final ProfileCatalog shipped = new ProfileLoader().loadShipped();

    @Test
    void everyShippedProfileLoadsWithoutProblems() {
        assertThat(shipped.problems()).isEmpty();
        assertThat(shipped.profiles()).containsOnlyKeys("aider", "bash", "claude", "codex", "command", "gemini", "opencode");
    }

    @Test
    void everyProfileFileInTheDirectoryIsListedForTheJar() throws IOException {
        List<String> listed = Files.readAllLines(Path.of("shipped.list")).stream().filter(s -> !s.isBlank()).toList();
        try (Stream<Path> files = Files.list(Path.of("."))) {
            assertThat(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void claudeGetsItsSessionIdFromDroverAndResumesByIt() {
        AgentProfile claude = shipped.find("claude").orElseThrow();
        assertThat(claude.agentSessionId()).isEqualTo(AgentSessionId.PREASSIGNED);
        assertThat(claude.commands().start()).containsExactly("claude", "--session-id", "{agentSessionId}");
        assertThat(claude.commands().of(SpawnMode.RESUME)).contains(List.of("claude", "--resume", "{agentSessionId}"));
        assertThat(claude.modes()).containsExactly(SpawnMode.NEW, SpawnMode.RESUME, SpawnMode.CONTINUE);
        assertThat(claude.telemetry().env()).containsEntry("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer {telemetryToken}");
        assertThat(claude.stop()).extracting(AgentProfile.StopStep::send, AgentProfile.StopStep::signal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("\u0003", null),
                        org.assertj.core.groups.Tuple.tuple("/exit\r", null),
                        org.assertj.core.groups.Tuple.tuple(null, StopSignal.TERM),
                        org.assertj.core.groups.Tuple.tuple(null, StopSignal.KILL));
        assertThat(claude.stop().getFirst().timeoutDuration()).hasMillis(1000);
    }

    @Test
    void codexResumeIdIsCapturedFromWhatItPrintsOnQuit() throws IOException {
        AgentProfile codex = shipped.find("codex").orElseThrow();
        String quitScreen;
        try (var in = getClass().getResourceAsStream("/screens/codex-10-quit.txt")) {
            quitScreen = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var matcher = java.util.regex.Pattern.compile(codex.resume().capture()).matcher(quitScreen);
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("01a1fc96-f617-70b0-9b4b-aa5cf54f9a64");
    }

    @Test
    void geminiTypesQuitAndItsEnterApartAndCapturesTheResumeIdItPrints() throws IOException {
        AgentProfile gemini = shipped.find("gemini").orElseThrow();
        assertThat(gemini.stop()).extracting(AgentProfile.StopStep::send, AgentProfile.StopStep::signal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("\u0003", null),
                        org.assertj.core.groups.Tuple.tuple("/quit", null),
                        org.assertj.core.groups.Tuple.tuple("\r", null),
                        org.assertj.core.groups.Tuple.tuple(null, StopSignal.TERM),
                        org.assertj.core.groups.Tuple.tuple(null, StopSignal.KILL));
        assertThat(gemini.stop().get(1).timeoutDuration()).isBetween(java.time.Duration.ofMillis(100),
                java.time.Duration.ofSeconds(1));
        assertThat(gemini.agentSessionId()).isEqualTo(AgentSessionId.CAPTURED);
        String quitScreen;
        try (var in = getClass().getResourceAsStream("/screens/gemini-07-quit.txt")) {
            quitScreen = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var matcher = java.util.regex.Pattern.compile(gemini.resume().capture()).matcher(quitScreen);
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("8160b605-04e2-4b88-bae6-b825e50d1b56");
    }

    @Test
    void theAnyCommandProfileTakesTheCommandFromTheRequest() {
        AgentProfile command = shipped.find("command").orElseThrow();
        assertThat(command.userCommand()).isTrue();
        assertThat(command.binary()).isNull();
        assertThat(command.modes()).containsExactly(SpawnMode.NEW);
    }

    @Test
    void bashRunsWithShellIntegration() {
        assertThat(shipped.find("bash").orElseThrow().shellIntegration()).isEqualTo(ShellIntegration.BASH);
    }
}
