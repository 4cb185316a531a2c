package dev.drover.daemon.hook;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.approval.HeldApprovals;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.ActivityState;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.StopSequence;
import dev.drover.daemon.session.TestConfig;
import dev.drover.protocol.daemon.DaemonMessage;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Approval hooks answered at once, as with {@code drover.daemon.approvals.hold=0}. */
    static HeldApprovals notHeld(Vertx vertx) {
        return new HeldApprovals(vertx, Duration.ZERO, new ObjectMapper(), null, profile -> Optional.empty(), null, () -> false);
    }

    private int post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private RunningSession sessionWithHookToken(String token) throws Exception {
        sessions = new TestConfig(stateDir).registry();
        return sessions.spawn(new SessionLaunch(UUID.randomUUID(), List.of("sleep", "30"), stateDir, Map.of(), 80, 24, "claude",
                null, null, StopSequence.DEFAULT, token));
    }

    @Test
    void aHookCallDecidesTheSessionsActivityByItsProfile() throws Exception {
        SessionActivities activities = new SessionActivities(new ProfileLoader().loadShipped()::find);
        List<DaemonMessage.Activity> reported = new CopyOnWriteArrayList<>();
        activities.onChange(reported::add);
        sessions = new TestConfig(stateDir).registry(new ShellStates(), activities);
        RunningSession session = sessions.spawn(new SessionLaunch(UUID.randomUUID(), List.of("sleep", "30"), stateDir, Map.of(),
                80, 24, "claude", null, null, StopSequence.DEFAULT, "t0ken"));
        HookReceiver receiver = new HookReceiver(vertx, sessions, activities, new ObjectMapper(),
                new TurnRefusals(new ObjectMapper()), notHeld(vertx), "127.0.0.1");

        assertThat(post(receiver.url(session.id()), "t0ken", """
                {"hook_event_name":"PermissionRequest","tool_name":"Bash","tool_input":{"command":"make deploy"}}""")).isEqualTo(200);
        await(() -> activities.current(session.id()).map(DaemonMessage.Activity::state)
                .filter(state -> state == ActivityState.NEEDS_APPROVAL).isPresent(), Duration.ofSeconds(5));
        assertThat(reported.getFirst().state()).isEqualTo(ActivityState.STARTING);
        assertThat(reported.getLast().state()).isEqualTo(ActivityState.NEEDS_APPROVAL);
        assertThat(reported.getLast().cause()).isEqualTo("hook PermissionRequest Bash");
        assertThat(reported.getLast().detail()).isEqualTo("make deploy");
        activities.stop();
    }

    @Test
    void aSessionsHookWithItsTokenIsPassedOnAndEverythingElseIsRefused() throws Exception {
        RunningSession session = sessionWithHookToken("t0ken");
        HookReceiver receiver = new HookReceiver(vertx, sessions, new SessionActivities(profile -> Optional.empty()), new ObjectMapper(),
                new TurnRefusals(new ObjectMapper()), notHeld(vertx), "127.0.0.1");
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

    /**
     * An 86 MB chunked body with the session's own token ran the daemon out of memory: the receiver
     * gathered the whole body before looking at its size. It must answer 413 as soon as the limit is
     * passed (the client has sent little more than the limit and what the sockets buffer), and keep
     * answering.
     */
    @Test
    void aChunkedHookBodyOfEightySixMegabytesIsRefusedWith413BeforeItIsRead() throws Exception {
        RunningSession session = sessionWithHookToken("t0ken");
        HookReceiver receiver = new HookReceiver(vertx, sessions, new SessionActivities(profile -> Optional.empty()), new ObjectMapper(),
                new TurnRefusals(new ObjectMapper()), notHeld(vertx), "127.0.0.1");
        URI url = URI.create(receiver.url(session.id()));
        long total = 86L << 20;
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAuthorization: Bearer t0ken\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < total) {
                        out.write(header);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The daemon closed the connection after its answer: what this test wants.
                }
            });
            socket.setSoTimeout(30_000);
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            long sentWhenAnswered = sent.get();
            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(sentWhenAnswered).as("bytes sent before the answer").isLessThan(16L << 20);
            writer.join(Duration.ofSeconds(30));
            assertThat(sent.get()).as("the daemon stopped reading").isLessThan(total);
        }
        assertThat(post(url.toString(), "t0ken", "{\"hook_event_name\":\"Stop\"}")).isEqualTo(200);
    }

    /**
     * Over HTTP/2 (h2c) the refusal carried {@code Connection: close}, which HTTP/2 forbids, no problem document, and
     * closed the whole connection: it is a problem, and only the request's stream ends.
     */
    @Test
    void anHttp2HookBodyOverTheLimitIsA413ProblemAndTheConnectionGoesOn() throws Exception {
        RunningSession session = sessionWithHookToken("t0ken");
        HookReceiver receiver = new HookReceiver(vertx, sessions, new SessionActivities(profile -> Optional.empty()), new ObjectMapper(),
                new TurnRefusals(new ObjectMapper()), notHeld(vertx), "127.0.0.1");
        URI url = URI.create(receiver.url(session.id()));
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        assertThat(http2.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).version())
                .as("h2c upgrade").isEqualTo(HttpClient.Version.HTTP_2);
        byte[] body = new byte[1 << 20];
        Arrays.fill(body, (byte) 'x');

        HttpResponse<String> refused = http2.send(HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer t0ken")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"status\":413");
        HttpResponse<String> next = http2.send(HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer t0ken")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hook_event_name\":\"Stop\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
    }
}
