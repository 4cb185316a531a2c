package dev.drover.daemon.approval;

import static dev.drover.daemon.session.SessionTestSupport.await;
import static dev.drover.daemon.session.SessionTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.daemon.activity.SessionActivities;
import dev.drover.daemon.hook.HookReceiver;
import dev.drover.daemon.hook.TurnRefusals;
import dev.drover.daemon.session.RunningSession;
import dev.drover.daemon.session.SessionLaunch;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.daemon.session.StopSequence;
import dev.drover.daemon.session.TestConfig;
import dev.drover.daemon.shell.ShellStates;
import dev.drover.profiles.ProfileCatalog;
import dev.drover.profiles.ProfileLoader;
import dev.drover.protocol.daemon.ActivityState;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions made in Drover reach a real session's agent over the real hook receiver: Claude's
 * PermissionRequest is held until someone decides (or the hold passes), and without a held hook the
 * profile's keys are typed into the PTY.
 */
class DecisionsTest {

    private static final String PERMISSION_REQUEST = """
            {"hook_event_name":"PermissionRequest","tool_name":"Bash","tool_input":{"command":"make deploy"}}""";

    @TempDir
    Path stateDir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ProfileCatalog profiles = new ProfileLoader().loadShipped();
    private final SessionActivities activities = new SessionActivities(profiles::find);
    private SessionRegistry sessions;

    @AfterEach
    void close() {
        sessions.detach();
        activities.stop();
        vertx.close();
    }

    private RunningSession claudeSession(List<String> command) throws Exception {
        sessions = new TestConfig(stateDir).registry(new ShellStates(), activities);
        return sessions.spawn(new SessionLaunch(UUID.randomUUID(), command, stateDir, Map.of(), 80, 24, "claude", null, null,
                StopSequence.DEFAULT, "t0ken"));
    }

    private HeldApprovals held(Duration hold) {
        return new HeldApprovals(vertx, hold, json, sessions, profiles::find, activities, () -> true);
    }

    private CompletableFuture<HttpResponse<String>> post(HookReceiver receiver, RunningSession session, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(receiver.url(session.id())))
                .header("Authorization", "Bearer t0ken")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitState(RunningSession session, ActivityState state) throws InterruptedException {
        await(() -> activities.current(session.id()).filter(now -> now.state() == state).isPresent(), Duration.ofSeconds(5));
    }

    @Test
    void aHeldPermissionRequestWaitsForThePersonsDecisionAndTheAgentWorksAgain() throws Exception {
        RunningSession session = claudeSession(List.of("sleep", "30"));
        HeldApprovals held = held(Duration.ofSeconds(20));
        HookReceiver receiver = new HookReceiver(vertx, sessions, activities, json, new TurnRefusals(json), held, "127.0.0.1");
        Decisions decisions = new Decisions(held, sessions, profiles::find, activities);

        CompletableFuture<HttpResponse<String>> answer = post(receiver, session, PERMISSION_REQUEST);
        awaitState(session, ActivityState.NEEDS_APPROVAL);
        Thread.sleep(300);
        assertThat(answer).isNotDone();

        DaemonMessage decided = decisions.decide(new DaemonMessage.Decide("r1", session.id(), false, "not on a Friday", "alice"));

        assertThat(decided).isEqualTo(new DaemonMessage.Decided("r1", session.id(), "hook", "make deploy"));
        assertThat(json.readTree(answer.get(5, TimeUnit.SECONDS).body())).isEqualTo(json.readTree("""
                {"hookSpecificOutput":{"hookEventName":"PermissionRequest",
                 "decision":{"behavior":"deny","message":"not on a Friday"}}}"""));
        awaitState(session, ActivityState.WORKING);
        assertThat(activities.current(session.id()).orElseThrow().cause()).isEqualTo("denied in Drover by alice (hook)");
    }

    @Test
    void aHeldHookNobodyDecidesIsAnsweredWithNoDecisionAfterTheHoldAndOtherHooksAreNeverHeld() throws Exception {
        RunningSession session = claudeSession(List.of("sleep", "30"));
        HookReceiver receiver = new HookReceiver(vertx, sessions, activities, json, new TurnRefusals(json),
                held(Duration.ofMillis(500)), "127.0.0.1");

        assertThat(post(receiver, session, """
                {"hook_event_name":"PermissionRequest","tool_name":"AskUserQuestion",
                 "tool_input":{"questions":[{"question":"Which colour?"}]}}""").get(1, TimeUnit.SECONDS).body()).isEqualTo("{}");
        long start = System.nanoTime();
        HttpResponse<String> answer = post(receiver, session, PERMISSION_REQUEST).get(5, TimeUnit.SECONDS);

        assertThat(answer.body()).isEqualTo("{}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        assertThat(activities.current(session.id()).orElseThrow().state()).isEqualTo(ActivityState.NEEDS_APPROVAL);
    }

    @Test
    void withoutAHeldHookTheProfilesKeysAreTypedAndNothingIsTypedWhileTheAgentNeedsNobody() throws Exception {
        RunningSession session = claudeSession(List.of("sh", "-c", "stty -echo; read -r line; echo \"got [$line]\"; sleep 30"));
        HeldApprovals held = held(Duration.ZERO);
        HookReceiver receiver = new HookReceiver(vertx, sessions, activities, json, new TurnRefusals(json), held, "127.0.0.1");
        Decisions decisions = new Decisions(held, sessions, profiles::find, activities);

        assertThat(decisions.decide(new DaemonMessage.Decide("r0", session.id(), true, null, "alice")))
                .isEqualTo(new DaemonMessage.RequestFailed("r0", "the agent is not waiting for a decision"));
        assertThat(post(receiver, session, PERMISSION_REQUEST).get(5, TimeUnit.SECONDS).body()).isEqualTo("{}");
        awaitState(session, ActivityState.NEEDS_APPROVAL);

        assertThat(decisions.decide(new DaemonMessage.Decide("r1", session.id(), true, null, "alice")))
                .isEqualTo(new DaemonMessage.Decided("r1", session.id(), "keys", "make deploy"));

        await(() -> text(sessions.log(session.id()).orElseThrow()).contains("got []"), Duration.ofSeconds(5));
        awaitState(session, ActivityState.WORKING);
        assertThat(activities.current(session.id()).orElseThrow().cause()).isEqualTo("allowed in Drover by alice (keys)");
    }
}
