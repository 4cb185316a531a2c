package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures when what a real agent does shows on the hub: the real-CLI approval tests send a prompt through Drover,
 * allow the command the model asks for, and time each step (docs/benchmarks.md).
 */
final class ActivityWatch {

    /**
     * The bound the tests hold each delay to, far looser than the target (≤ 1 s) so a loaded machine stays green: on
     * 2 shared cores at load average 20, Gemini's working after an Allow took 4.1 s, the decision's round trip included.
     */
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private ActivityWatch() {
    }

    /** Polls every 20 ms until {@code condition} holds; answers when ({@link System#nanoTime()}) it first did. */
    static long firstSeen(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + within).isLessThan(deadline);
            Thread.sleep(POLL_MILLIS);
        }
        return System.nanoTime();
    }

    /** Sends {@code text} to the session through {@code POST /api/v1/prompts} and prints how soon it was confirmed. */
    static void prompt(SystemUnderTest system, String cli, String sessionId, String text, Duration within) throws InterruptedException {
        long sent = System.nanoTime();
        String promptId = system.admin.call("POST", "/api/v1/prompts", Map.of("text", text, "sessionIds", List.of(sessionId)))
                .path("id").asText();
        long confirmed = firstSeen(within, () -> "confirmed".equals(delivery(system, promptId).path("status").asText()));
        System.out.printf("prompt delivery, %s: POST /prompts to confirmed %d ms (%s)%n", cli,
                Duration.ofNanos(confirmed - sent).toMillis(), delivery(system, promptId).path("detail").asText());
    }

    private static JsonNode delivery(SystemUnderTest system, String promptId) {
        return system.admin.call("GET", "/api/v1/prompts/" + promptId, null).path("deliveries").path(0);
    }

    /**
     * Allows what the session waits for through {@code POST /sessions/{id}/decisions}, checks it reached the agent
     * {@code via} (hook or keys), then waits for the session to work, for {@code answer} on the screen and for the
     * session to be idle; checks the turn since {@code prompted} and prints the delays, {@code toApproval} included.
     */
    static void allowThenIdle(SystemUnderTest system, String cli, String sessionId, String via, TerminalClient terminal,
            String answer, Instant prompted, Duration toApproval, Duration within) throws InterruptedException {
        long allowed = System.nanoTime();
        JsonNode decision = system.admin.call("POST", "/api/v1/sessions/" + sessionId + "/decisions", Map.of("decision", "allow"));
        assertThat(decision.path("via").asText()).as("how the Allow reached the agent").isEqualTo(via);
        long working = firstSeen(within, () -> "working".equals(activity(system, sessionId)));
        long answerShown = firstSeen(within, () -> terminal.output().contains(answer));
        long idle = firstSeen(within, () -> "idle".equals(activity(system, sessionId)));

        List<String> turn = new ArrayList<>();
        system.admin.call("GET", "/api/v1/sessions/" + sessionId + "/activity", null).forEach(transition -> {
            if (!Instant.parse(transition.path("since").asText()).isBefore(prompted)) {
                turn.add(transition.path("state").asText());
            }
        });
        assertThat(turn).as("the turn's activity, never needing anyone but for the approval")
                .containsExactly("working", "needs-approval", "working", "idle");
        Duration toWorking = Duration.ofNanos(working - allowed);
        Duration toIdle = Duration.ofNanos(Math.max(0, idle - answerShown));
        System.out.printf("activity delays, %s: needs-approval %d ms, working %d ms after the Allow was posted, idle %d ms "
                + "after the answer showed%n", cli, toApproval.toMillis(), toWorking.toMillis(), toIdle.toMillis());
        assertThat(toApproval).as("needs-approval").isLessThan(BOUND);
        assertThat(toWorking).as("working after the Allow").isLessThan(BOUND);
        assertThat(toIdle).as("idle after the answer showed").isLessThan(BOUND);
    }

    static String activity(SystemUnderTest system, String sessionId) {
        return system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("activity").asText();
    }
}
