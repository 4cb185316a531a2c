package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bash sessions whose agent activity moves as an agent's would, by their terminal title: a profile
 * ({@code titled-shell}) whose shell titles itself {@code busy} when it runs a command (PS0) and
 * {@code ready} at each prompt, and whose status rules read those titles (working, idle) and
 * {@code ask} (needs-approval). A session shows it needs approval after
 * {@code printf '\033]0;ask\007'; read}.
 */
final class TitledShell {

    static final String PROFILE = "titled-shell";
    /** Typed into a session, makes it wait "for an approval" until it gets a line. */
    static final String ASK = "printf '\\033]0;ask\\007'; read answer\n";

    private TitledShell() {
    }

    /** Writes the profile into the daemon's overrides and waits until the host offers it. */
    static void install(SystemUnderTest system) throws IOException {
        Path overrides = Files.createDirectories(system.state.resolve("daemon-profiles"));
        Files.writeString(overrides.resolve(PROFILE + ".yaml"), """
                id: titled-shell
                name: Titled shell
                binary:
                  command: bash
                commands:
                  new: [bash, --noprofile, --norc]
                env:
                  PS0: '\\e]0;busy\\a'
                  PROMPT_COMMAND: "printf '\\\\033]0;ready\\\\007'"
                  PS1: '$ '
                shellIntegration: none
                status:
                  title:
                    - {pattern: '^ask', state: needs-approval}
                    - {pattern: '^busy', state: working}
                    - {pattern: '^ready', state: idle}
                stop:
                  - signal: KILL
                    timeout: 5s
                """);
        String hostId = system.hostId(SystemUnderTest.HOST);
        await().atMost(Duration.ofSeconds(30)).alias("the daemon offers the titled-shell profile").until(() -> {
            for (JsonNode agent : system.admin.call("GET", "/api/v1/hosts/" + hostId, null).path("agents")) {
                if (agent.path("id").asText().equals(PROFILE)) {
                    return agent.path("installed").asBoolean();
                }
            }
            return false;
        });
    }

    /** Spawns a titled shell on the system's host and waits until it is idle; answers its id. */
    static String spawnIdle(SystemUnderTest system, String task) {
        JsonNode session = system.admin.call("POST", "/api/v1/sessions", Map.of("hostId", system.hostId(SystemUnderTest.HOST),
                "profile", PROFILE, "task", task, "cols", 100, "rows", 30));
        assertThat(session.path("state").asText()).isEqualTo("running");
        String id = session.path("id").asText();
        awaitActivity(system, id, "idle");
        return id;
    }

    static void awaitActivity(SystemUnderTest system, String sessionId, String activity) {
        await().atMost(Duration.ofSeconds(20)).alias("session " + sessionId + " is " + activity).until(() ->
                activity.equals(system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("activity").asText()));
    }
}
