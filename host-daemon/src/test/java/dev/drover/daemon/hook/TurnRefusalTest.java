package dev.drover.daemon.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.StopSequence;
import dev.drover.daemon.session.TestConfig;
import dev.drover.protocol.daemon.DaemonMessage;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once the hub stopped a session (its budget spent), Claude's blocking hooks are answered with a
 * refusal over real HTTP, with the payloads Claude Code 2.x posts (recorded in src/test/resources/hooks).
 */
class TurnRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private SessionRegistry sessions;

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.detach();
        }
        vertx.close();
    }

    @Test
    void aStoppedSessionsNextPromptIsBlockedAndItsNextToolDeniedOtherHooksGetNoDecision() throws Exception {
        sessions = new TestConfig(stateDir).registry();
        RunningSession session = sessions.spawn(new SessionLaunch(UUID.randomUUID(), List.of("sleep", "30"), stateDir,
                Map.of(), 80, 24, "claude", null, null, StopSequence.DEFAULT, "t0ken"));
        TurnRefusals refusals = new TurnRefusals(JSON);
        HookReceiver receiver = new HookReceiver(vertx, sessions, new SessionActivities(profile -> Optional.empty()), JSON, refusals,
                HookReceiverTest.notHeld(vertx),
                "127.0.0.1");
        List<DaemonMessage.AgentHook> heard = new CopyOnWriteArrayList<>();
        receiver.onHook(heard::add);
        String url = receiver.url(session.id());

        assertThat(post(url, "claude-UserPromptSubmit.json")).isEqualTo("{}");
        assertThat(post(url, "claude-PreToolUse.json")).isEqualTo("{}");

        refusals.refuse(session.id(), "budget: the session's budget of $0.05 is spent");

        String why = "Drover stopped this session: budget: the session's budget of $0.05 is spent";
        JsonNode prompt = JSON.readTree(post(url, "claude-UserPromptSubmit.json"));
        assertThat(prompt.path("decision").asText()).isEqualTo("block");
        assertThat(prompt.path("reason").asText()).isEqualTo(why);
        JsonNode tool = JSON.readTree(post(url, "claude-PreToolUse.json"));
        assertThat(tool.path("continue").asBoolean(true)).isFalse();
        assertThat(tool.path("stopReason").asText()).isEqualTo(why);
        assertThat(tool.path("hookSpecificOutput").path("hookEventName").asText()).isEqualTo("PreToolUse");
        assertThat(tool.path("hookSpecificOutput").path("permissionDecision").asText()).isEqualTo("deny");
        assertThat(tool.path("hookSpecificOutput").path("permissionDecisionReason").asText()).isEqualTo(why);
        assertThat(post(url, "claude-Stop.json")).isEqualTo("{}");
        assertThat(heard).extracting(DaemonMessage.AgentHook::event).containsExactly("UserPromptSubmit", "PreToolUse",
                "UserPromptSubmit", "PreToolUse", "Stop");
    }

    @Test
    void anotherSessionIsNotRefused() {
        TurnRefusals refusals = new TurnRefusals(JSON);
        refusals.refuse(UUID.randomUUID(), "stopped by admin");
        assertThat(refusals.answer(UUID.randomUUID(), "UserPromptSubmit")).isEqualTo("{}");
    }

    private String post(String url, String fixture) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer t0ken")
                .POST(HttpRequest.BodyPublishers.ofString(fixture(fixture)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TurnRefusalTest.class.getResourceAsStream("/hooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
