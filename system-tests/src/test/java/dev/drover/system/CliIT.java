package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code drover} command as a script runs it (its jar in a process of its own) against a real
 * hub, ingest and daemon, signed in by a personal API token in {@code DROVER_TOKEN}, the hub given
 * by {@code DROVER_HUB} or {@code --hub}.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private static final String PASSWORD = "a-long-enough-password";

    private SystemUnderTest system;
    private HubClient operator;
    private String operatorName;

    /** What a run of the command printed and its exit status. */
    record Run(int status, String out, String err) {
    }

    @BeforeAll
    void startTheSystem() throws IOException {
        system = SystemUnderTest.start();
        operatorName = "script-" + UUID.randomUUID().toString().substring(0, 8);
        system.admin.call("POST", "/api/v1/users", Map.of("username", operatorName, "role", "operator", "password", PASSWORD));
        operator = new HubClient(system.stack.hubUrl());
        operator.login(operatorName, PASSWORD);
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aScriptSpawnsListsPromptsAndStopsWithItsApiToken() throws Exception {
        String token = newToken("spawner");

        Run spawned = drover(token, true, "spawn", "--host", SystemUnderTest.HOST, "--task", "cli test", "--",
                "bash", "--noprofile", "--norc");
        assertThat(spawned.status()).as(spawned.err()).isZero();
        String session = spawned.out().strip();
        assertThat(UUID.fromString(session)).as("the session id, alone on its line").isNotNull();

        Run listed = drover(token, false, "sessions", "list", "--live", "--hub", system.stack.hubUrl().toString());
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).as("the list as a table").startsWith("ID ")
                .containsPattern(session + "\\s+running\\s+\\S+\\s+" + SystemUnderTest.HOST + "\\s+command\\s+" + operatorName
                        + "\\s+cli test");
        String adminOnly = system.spawnBash();
        Run listedAsJson = drover(token, true, "sessions", "list", "--json");
        assertThat(listedAsJson.status()).isZero();
        assertThat(listedAsJson.out()).as("the owner's sessions only, not the admin's").contains(session)
                .doesNotContain(adminOnly);

        Run prompted = drover(token, true, "prompt", "--session", session, "--wait", "5", "echo prompted-by-cli");
        assertThat(prompted.status()).as(prompted.err()).isZero();
        List<String> lines = prompted.out().lines().toList();
        assertThat(UUID.fromString(lines.getFirst())).as("the prompt's id").isNotNull();
        assertThat(lines.get(1)).startsWith("  " + session + " ");

        Run refused = drover(token, true, "sessions", "stop", adminOnly);
        assertThat(refused.status()).as("another person's session").isEqualTo(1);
        assertThat(refused.err()).isEqualTo("drover: the hub refused (404): no session " + adminOnly + "\n");

        Run stopped = drover(token, true, "sessions", "stop", session);
        assertThat(stopped.status()).as(stopped.err()).isZero();
        assertThat(stopped.out()).startsWith(session + " ");
    }

    @Test
    void aRevokedTokenIsRefusedWithItsOwnExitStatus() throws Exception {
        String token = newToken("revoked");
        assertThat(drover(token, true, "hosts").status()).isZero();
        String id = operator.call("GET", "/api/v1/me/tokens", null).findParents("name").stream()
                .filter(found -> found.path("name").asText().startsWith("revoked-"))
                .map(found -> found.path("id").asText()).findFirst().orElseThrow();
        operator.call("DELETE", "/api/v1/me/tokens/" + id, null);

        Run refused = drover(token, true, "sessions", "list");

        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("drover: the hub at " + system.stack.hubUrl() + " refused the API token in"
                + " DROVER_TOKEN: it is revoked or expired, or its owner is disabled or removed; create a new one on the"
                + " hub's Account page\n");
    }

    @Test
    void withoutATokenTheCommandSaysWhereToGetOne() throws Exception {
        Run refused = drover(null, true, "sessions", "list");

        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).startsWith("drover: no API token: set DROVER_TOKEN to a personal API token (drv_…)");

        Run notAToken = drover("eyJhbGciOi.a-login.token", true, "hosts");
        assertThat(notAToken.status()).isEqualTo(2);
        assertThat(notAToken.err()).isEqualTo("drover: DROVER_TOKEN holds no API token: an API token starts with drv_;"
                + " create one on the hub's Account page\n");
    }

    /** A new operator token of the test's person; answers its secret. */
    private String newToken(String name) {
        JsonNode created = operator.call("POST", "/api/v1/me/tokens", Map.of("name", name + "-" + UUID.randomUUID()
                .toString().substring(0, 8), "role", "operator", "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        return created.path("secret").asText();
    }

    /**
     * Runs the built {@code drover} jar with {@code arguments}, {@code DROVER_TOKEN} set to
     * {@code token} (unset when null) and, when {@code hubFromEnvironment}, {@code DROVER_HUB} to the hub.
     */
    private Run drover(String token, boolean hubFromEnvironment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", system.home.resolve("cli/target/drover-cli.jar").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DROVER_TOKEN");
        builder.environment().remove("DROVER_HUB");
        if (token != null) {
            builder.environment().put("DROVER_TOKEN", token);
        }
        if (hubFromEnvironment) {
            builder.environment().put("DROVER_HUB", system.stack.hubUrl().toString());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("drover %s ends", String.join(" ", arguments)).isTrue();
        return new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(Process process, boolean errors) {
        try {
            return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
