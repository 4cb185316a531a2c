package dev.drover.daemon.hook;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.StopSequence;
import dev.drover.daemon.session.TestConfig;
import dev.drover.protocol.daemon.DaemonMessage;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook receiver over real HTTP: only a running session's own token is accepted. */
class HookReceiverTest {

    @TempDir
    Path stateDir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private SessionRegistry sessions;

    @AfterEach
    void close() {
        sessions.detach();
        vertx.close();
    }

    private int post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSessionsHookWithItsTokenIsPassedOnAndEverythingElseIsRefused() throws Exception {
        sessions = new TestConfig(stateDir).registry();
        RunningSession session = sessions.spawn(new SessionLaunch(UUID.randomUUID(), List.of("sleep", "30"), stateDir, Map.of(),
                80, 24, "claude", null, null, StopSequence.DEFAULT, "t0ken"));
        HookReceiver receiver = new HookReceiver(vertx, sessions, new ObjectMapper(), "127.0.0.1");
        List<DaemonMessage.AgentHook> heard = new CopyOnWriteArrayList<>();
        receiver.onHook(heard::add);
        String url = receiver.url(session.id());

        assertThat(post(url, "wrong", "{\"hook_event_name\":\"Stop\"}")).isEqualTo(401);
        assertThat(post(url, null, "{\"hook_event_name\":\"Stop\"}")).isEqualTo(401);
        assertThat(post(receiver.url(UUID.randomUUID()), "t0ken", "{\"hook_event_name\":\"Stop\"}")).isEqualTo(401);
        assertThat(post(url.replace(session.id().toString(), "not-a-session"), "t0ken", "{}")).isEqualTo(404);
        assertThat(post(url, "t0ken", "not json")).isEqualTo(400);
        assertThat(post(url, "t0ken", "{\"hook_event_name\":\"Notification\",\"notification_type\":\"permission_prompt\","
                + "\"message\":\"Claude needs your permission to use Bash\\u001b[2J\"}")).isEqualTo(200);
        await(() -> !heard.isEmpty(), Duration.ofSeconds(5));
        assertThat(heard).singleElement().satisfies(hook -> {
            assertThat(hook.sessionId()).isEqualTo(session.id());
            assertThat(hook.event()).isEqualTo("Notification");
            assertThat(hook.detail()).isEqualTo("Claude needs your permission to use Bash [2J");
        });
    }
}
