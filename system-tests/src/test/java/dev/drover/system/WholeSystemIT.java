package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.cli.stack.HubClient;
import dev.drover.cli.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as users run it: PostgreSQL, hub, ingest and a daemon as separate processes,
 * talked to over real HTTP, WebSockets and a real browser. One class, longer than most, because
 * its cases share one running stack: starting it costs more than every case together.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private SystemUnderTest system;

    @BeforeAll
    void startTheSystem() throws IOException {
        system = SystemUnderTest.start();
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void terminalEchoesInputAndReplaysFromAnOffsetWithoutGapOrDuplicate() {
        String sessionId = system.spawnBash();
        String marker = "drover-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] firstView;
        long end;
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("echo " + marker + "\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> occurrences(viewer.output(), marker) >= 2);
            assertThat(viewer.output()).contains(marker + "\r\n");
            assertThat(viewer.contiguityError()).isNull();
            firstView = viewer.received();
            end = viewer.next();
        }
        assertThat(end).isEqualTo(firstView.length);

        long from = end / 2;
        try (TerminalClient again = system.attach(sessionId, from)) {
            await().atMost(OUTPUT_TIMEOUT).until(() -> again.next() >= end);
            byte[] replay = again.received();
            assertThat(Arrays.copyOfRange(replay, 0, (int) (end - from)))
                    .as("replay from offset %d", from)
                    .isEqualTo(Arrays.copyOfRange(firstView, (int) from, (int) end));
            String second = "drover-" + UUID.randomUUID().toString().substring(0, 8);
            again.type("echo " + second + "\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> occurrences(again.output(), second) >= 2);
            assertThat(again.contiguityError()).isNull();
        }
    }

    /**
     * An operator's session printed the hub's JWT private key (the stack keeps it in its state
     * directory) and saw the daemon's variables: the local daemon's sessions must see neither (only
     * their own {@code DROVER_SESSION_ID}), and the host must say its sessions are isolated.
     */
    @Test
    void aSessionCannotReadTheHubsSigningKeyNorDroversVariables() {
        Path key = system.state.resolve("hub/jwt-private.pem");
        assertThat(key).as("the hub's signing key in the stack's state").isNotEmptyFile();
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> {
            JsonNode host = system.admin.call("GET", "/api/v1/hosts/" + system.hostId(SystemUnderTest.HOST), null);
            assertThat(host.path("health").path("sessionIsolation").asText()).isEqualTo("available");
        });
        String sessionId = system.spawnBash();
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("echo \"key=$(cat " + key + " 2>/dev/null | wc -c) hub=$(ls " + key.getParent() + " 2>/dev/null | wc -l)"
                    + " vars=$(env | grep ^DROVER_ | cut -d= -f1 | tr '\\n' ,) home=$(ls -d ~ | wc -l)\"\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> viewer.output().contains("key=0 hub=0 vars=DROVER_SESSION_ID, home=1"));
        }
    }

    @Test
    void sessionExitEndsTheTerminalWithItsExitCode() {
        String sessionId = system.spawnBash();
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("exit 7\n");
            assertThat(viewer.closed().orTimeout(20, TimeUnit.SECONDS).join()).isEqualTo(1000);
            assertThat(viewer.lastControl()).contains("\"type\":\"exit\"").contains("\"exitCode\":7");
        }
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> {
            JsonNode session = system.admin.call("GET", "/api/v1/sessions/" + sessionId, null);
            assertThat(session.path("state").asText()).isEqualTo("exited");
            assertThat(session.path("exitCode").asInt()).isEqualTo(7);
        });
    }

    @Test
    void telemetryPostedWithTheSessionsOwnTokenIsCountedOnce() throws Exception {
        String sessionId = system.spawnBash();
        SystemUnderTest.OtlpWiring wiring = system.otlpWiring(sessionId);
        String headers = wiring.authorization();
        String endpoint = wiring.endpoint();
        List<String> fixtures = List.of("otlp/claude-metrics-1.json", "otlp/claude-metrics-2.json");
        long input = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (String fixture : fixtures) {
            byte[] body = resource(fixture);
            input += sum(body, "claude_code.token.usage", "input").longValue();
            cost = cost.add(sum(body, "claude_code.cost.usage", null));
            assertThat(postOtlp(endpoint, headers, body)).isEqualTo(200);
        }
        assertThat(postOtlp(endpoint, headers, resource(fixtures.get(0)))).as("a retried export").isEqualTo(200);
        assertThat(postOtlp(endpoint, "Bearer not-a-token", resource(fixtures.get(0)))).isEqualTo(401);

        long expectedInput = input;
        BigDecimal expectedCost = cost;
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> {
            JsonNode usage = system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("usage");
            assertThat(usage.path("inputTokens").asLong()).isEqualTo(expectedInput);
            assertThat(new BigDecimal(usage.path("costUsd").asText())).isEqualByComparingTo(expectedCost);
        });
    }

    @Test
    void browserShowsASessionsNewUsageWithoutAReloadWhenItsTelemetryArrives() throws Exception {
        String sessionId = system.spawnBash();
        SystemUnderTest.OtlpWiring wiring = system.otlpWiring(sessionId);
        Path export = system.home.resolve("system-tests/src/test/resources/otlp/claude-metrics-1.json");
        long input = sum(Files.readAllBytes(export), "claude_code.token.usage", "input").longValue();

        Path screenshot = runBrowserScript("live.e2e.mjs", "live.png", Map.of(
                "DROVER_SESSION_ID", sessionId,
                "DROVER_OTLP_AUTH", wiring.authorization(),
                "DROVER_OTLP_ENDPOINT", wiring.endpoint(),
                "DROVER_OTLP_EXPORT", export.toString(),
                "DROVER_EXPECTED_INPUT", Long.toString(input)));

        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("live-session.png")).isNotEmptyFile();
    }

    /**
     * Issue 15, Browse: a Claude transcript written on the host is found by the Conversations page's search; its hit
     * opens the conversation at the message, read as markdown with its tool call folded, thinking hidden and HTML shown
     * as text; and the open page grows when the agent writes more.
     */
    @Test
    void browserSearchesTheArchiveOpensTheHitAndSeesTheConversationGrow() throws Exception {
        // The daemon reads claude transcripts where a profile override says (read again when it changes), so the
        // test writes in its own folder, not in the machine's $HOME.
        Path projects = Files.createDirectories(system.state.resolve("transcripts-e2e/projects"));
        Files.createDirectories(system.state.resolve("daemon-profiles"));
        Files.writeString(system.state.resolve("daemon-profiles/claude.yaml"),
                "id: claude\ntranscripts:\n  paths: ['" + projects + "/**/*.jsonl']\n  format: claude-jsonl\n");
        Path transcript = projects.resolve("-srv-e2e-archive").resolve(UUID.randomUUID() + ".jsonl");

        Path screenshot = runBrowserScript("conversations.e2e.mjs", "conversations.png", Map.of(
                "DROVER_TRANSCRIPT", transcript.toString(),
                "DROVER_PROJECT_DIR", "/srv/e2e-archive"));

        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("conversations-phone-light.png")).isNotEmptyFile();
    }

    /** Issue 12: the cost and the context bar appear live; the spend page shows the figures and drills down to the session. */
    @Test
    void browserSeesTheCostAndContextBarLiveAndTheSpendPageShowsTheFigures() throws Exception {
        String sessionId = system.spawnBash();
        SystemUnderTest.OtlpWiring wiring = system.otlpWiring(sessionId);
        // Usage counts on the day the CLI observed it: the recorded export, observed now, is today's.
        long now = System.currentTimeMillis() * 1_000_000L;
        byte[] body = new String(resource("otlp/claude-metrics-1.json"), StandardCharsets.UTF_8)
                .replaceAll("\"startTimeUnixNano\":\"[0-9]+\"", "\"startTimeUnixNano\":\"" + (now - 1_000_000_000L) + "\"")
                .replaceAll("\"timeUnixNano\":\"[0-9]+\"", "\"timeUnixNano\":\"" + now + "\"")
                .getBytes(StandardCharsets.UTF_8);
        Path export = Files.write(system.projectRoot().resolve("spend-usage-" + UUID.randomUUID() + ".json"), body);
        long context = sum(body, "claude_code.token.usage", "input").longValue()
                + sum(body, "claude_code.token.usage", "cacheRead").longValue()
                + sum(body, "claude_code.token.usage", "cacheCreation").longValue();
        BigDecimal cost = sum(body, "claude_code.cost.usage", null);

        Path screenshot = runBrowserScript("spend.e2e.mjs", "spend.png", Map.of(
                "DROVER_SESSION_ID", sessionId,
                "DROVER_OTLP_AUTH", wiring.authorization(),
                "DROVER_OTLP_ENDPOINT", wiring.endpoint(),
                "DROVER_OTLP_EXPORT", export.toString(),
                "DROVER_EXPECTED_CONTEXT", String.format(Locale.ROOT, "%,d of 200,000 tokens in the latest request (claude-opus-5-5)", context),
                "DROVER_EXPECTED_COST", cost.stripTrailingZeros().toPlainString(),
                "DROVER_EXPECTED_MODEL", "claude-opus-5-5"));
        Files.delete(export);

        assertThat(context).as("1111 input + 4444 cache read + 333 cache write").isEqualTo(5888);
        assertThat(screenshot).isNotEmptyFile();
        for (String page : List.of("spend-session.png", "spend-fleet.png", "spend-drill.png", "spend-budgets.png",
                "spend-phone.png")) {
            assertThat(screenshot.resolveSibling(page)).isNotEmptyFile();
        }
    }

    @Test
    void browserCountsAndNotifiesASessionThatNeedsApprovalAndItsApprovalFromTheInboxAnswersTheHeldHook() throws Exception {
        HookEndpoint hooks = HookEndpoint.ofNewSession(system, "approval-probe", """
                status:
                  hooks:
                    - {event: PermissionRequest, state: needs-approval, detail: /tool_input/command}
                  approval:
                    hook: PermissionRequest
                """);

        Path screenshot = runBrowserScript("inbox.e2e.mjs", "inbox.png", Map.of(
                "DROVER_SESSION_ID", hooks.sessionId(),
                "DROVER_HOOK_URL", hooks.url().toString(),
                "DROVER_HOOK_TOKEN", hooks.token()));

        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("inbox-session.png")).isNotEmptyFile();
        JsonNode decisions = system.admin.call("GET", "/api/v1/sessions/" + hooks.sessionId() + "/decisions", null);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).path("decision").asText()).isEqualTo("allow");
        assertThat(decisions.get(0).path("via").asText()).isEqualTo("hook");
        assertThat(decisions.get(0).path("reason").asText()).isEqualTo("looks fine");
    }

    @Test
    void unauthenticatedRestAndSocketsAreRefused() throws Exception {
        for (String path : List.of("/api/v1/hosts", "/api/v1/sessions", "/api/v1/me")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(system.stack.hubUrl().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception");
        }
        String sessionId = system.spawnBash();
        assertThatThrownBy(() -> TerminalClient.attach(system.stack.hubUrl(), sessionId, 0, null))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> TerminalClient.attach(system.stack.hubUrl(), sessionId, 0, "forged.token.value"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void badInputGetsProblemDetails() {
        assertThatThrownBy(() -> new HubClient(system.stack.hubUrl()).call("POST", "/api/v1/enrollments",
                Map.of("joinToken", "not-a-real-token", "hostname", "intruder")))
                .isInstanceOfSatisfying(HubClient.HubException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> system.admin.call("GET", "/api/v1/sessions/" + UUID.randomUUID(), null))
                .isInstanceOfSatisfying(HubClient.HubException.class, e -> assertThat(e.status()).isEqualTo(404));
        String offlineHost = system.admin.call("POST", "/api/v1/hosts", Map.of("name", "never-connected")).path("host").path("id").asText();
        assertThatThrownBy(() -> system.admin.call("POST", "/api/v1/sessions", Map.of("hostId", offlineHost, "command", List.of("bash"))))
                .isInstanceOfSatisfying(HubClient.HubException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("offline");
                });
    }

    @Test
    void malformedTerminalFrameClosesOnlyThatSocket() {
        String sessionId = system.spawnBash();
        try (TerminalClient broken = system.attach(sessionId, 0)) {
            broken.sendText("{not json");
            assertThat(broken.closed().orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1007);
        }
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            String marker = "drover-" + UUID.randomUUID().toString().substring(0, 8);
            viewer.type("echo " + marker + "\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> occurrences(viewer.output(), marker) >= 2);
        }
        assertThat(system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("state").asText()).isEqualTo("running");
    }

    @Test
    void browserLogsInSpawnsBashAndSeesItsOutput() throws Exception {
        Path screenshot = runBrowserScript("terminal.e2e.mjs", "terminal.png");
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void browserAdminAddsAnOperatorWhoChoosesAPasswordIsSharedASessionIsSignedOutOfALoginAndLosesAccessOnceDisabled()
            throws Exception {
        Path screenshot = runBrowserScript("people.e2e.mjs", "people.png");
        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-created.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-choose-password.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-share.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-my-logins.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-signed-in.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-logins.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("people-disabled.png")).isNotEmptyFile();
    }

    @Test
    void browserCreatesAnApiTokenAScriptUsesUntilItIsRevokedAndTheAuditPageShowsIt() throws Exception {
        Path screenshot = runBrowserScript("tokens.e2e.mjs", "tokens.png");
        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("tokens-created.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("tokens-revoked.png")).isNotEmptyFile();
    }

    @Test
    void browserTerminalHasLinksSearchPasteTabsPopOutAndTouchScrolling() throws Exception {
        Path screenshot = runBrowserScript("terminal-features.e2e.mjs", "terminal-features.png");
        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("terminal-features-phone.png")).isNotEmptyFile();
    }

    @Test
    void browserTerminalKeepsItsLayoutInTabsResizedWindowsAndUnderALongCommand() throws Exception {
        Path screenshot = runScreensChecks("terminal-layout", "backgroundTabRendersWhenShown,terminalShrinksWithTheWindow,headerKeepsItsHeight");
        assertThat(screenshot.resolveSibling("terminal-layout-tabs-1440.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("terminal-layout-session-1280.png")).isNotEmptyFile();
    }

    @Test
    void browserShowsSessionStatesQuotedTitlesAndKeepsTheKeyboardWhereTheUserIs() throws Exception {
        Path screenshot = runScreensChecks("terminal-states", "statesAreShownAsTheyAre,commandTitleIsShellQuoted,keyboardStaysWhereTheUserIs");
        assertThat(screenshot.resolveSibling("terminal-states-failed-1440.png")).isNotEmptyFile();
    }

    @Test
    void browserScreenEqualsTheSessionsTmuxScreenOnDesktopAndPhoneAndStaysResponsiveUnderBulkOutput() throws Exception {
        Path screenshot = runScreensChecks("terminal-screens",
                "phoneGivesTheTerminalTheScreen,screenEqualsTheSessionsScreen,bulkOutputKeepsThePageResponsive");
        assertThat(screenshot.resolveSibling("terminal-screens-session-390.png")).isNotEmptyFile();
    }

    @Test
    void everyViewerOfASessionShowsItsTmuxScreenWhicheverViewerResizedItLast() throws Exception {
        Path screenshot = runScreensChecks("terminal-viewers", "everyViewerShowsTheSessionsScreen");
        assertThat(screenshot.resolveSibling("terminal-viewers-viewers-390.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("terminal-viewers-viewers-1440.png")).isNotEmptyFile();
    }

    @Test
    void afterAReloadScrollingToTheTopLoadsTheSessionsWholeOutputAboveTheRepaint() throws Exception {
        Path screenshot = runScreensChecks("terminal-history", "olderOutputLoadsAboveTheRepaint");
        assertThat(screenshot.resolveSibling("terminal-history-history-1440.png")).isNotEmptyFile();
    }

    /** Runs some of terminal-screens.e2e.mjs's checks, with the daemon's tmux socket to compare screens with. */
    private Path runScreensChecks(String name, String checks) throws Exception {
        return runBrowserScript("terminal-screens.e2e.mjs", name + ".png", Map.of(
                "DROVER_TMUX_SOCKET", system.state.resolve("daemon/tmux.sock").toString(),
                "DROVER_CHECKS", checks));
    }

    @Test
    void browserFiltersSearchesAndPagesSessionsConfirmsStopRestartsACommandAndKeepsThemeAndFont() throws Exception {
        Path repo = repository("e2e-sessions-" + UUID.randomUUID().toString().substring(0, 8));
        Path screenshot = runBrowserScript("sessions.e2e.mjs", "sessions.png", Map.of("DROVER_PROJECT", repo.getFileName().toString()));
        assertThat(screenshot.resolveSibling("sessions-fleet-1440.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("sessions-light-390.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("sessions-fleet-pages-1440.png")).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("sessions-appearance-1440.png")).isNotEmptyFile();
    }

    @Test
    void browserFindsAProjectFlagsAWorktreeKeptWithChangesAndDiscardsIt() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path repo = repository("e2e-shop-" + suffix);
        String branch = "drover/e2e-" + suffix;
        Path worktree = system.worktreesDir().resolve(repo.getFileName() + "-" + suffix);
        git(repo, "worktree", "add", "-q", "-b", branch, worktree.toString());
        git(repo, "config", "branch." + branch + ".drover-base", "main");
        Files.writeString(worktree.resolve("notes.md"), "unsaved work\n");
        Path hidden = repository(".e2e-plugins/plugin-" + suffix);

        Path screenshot = runBrowserScript("projects.e2e.mjs", "projects.png", Map.of(
                "DROVER_PROJECT", repo.getFileName().toString(),
                "DROVER_WORKTREE_BRANCH", branch,
                "DROVER_HIDDEN_PROJECT", hidden.getFileName().toString()));

        assertThat(screenshot).isNotEmptyFile();
        assertThat(screenshot.resolveSibling("projects-phone.png")).isNotEmptyFile();
        assertThat(worktree).doesNotExist();
        assertThat(git(repo, "branch", "--list", branch)).isEmpty();
        for (Path created : List.of(repo, hidden.getParent())) {
            try (var files = Files.walk(created)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void browserSpawnsIntoAProjectASecondSessionGetsAWorktreeAndACompanionShellOpensInIt() throws Exception {
        Path repo = repository("e2e-api-" + UUID.randomUUID().toString().substring(0, 8));
        system.admin.call("POST", "/api/v1/hosts/" + system.hostId(SystemUnderTest.HOST) + "/projects/refresh", null);

        Path screenshot = runBrowserScript("spawn.e2e.mjs", "spawn.png", Map.of("DROVER_PROJECT", repo.getFileName().toString()));

        assertThat(screenshot).isNotEmptyFile();
        try (var worktrees = Files.list(system.worktreesDir())) {
            assertThat(worktrees.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith(repo.getFileName() + "-"));
        }
    }

    /** Issue 12: a budget warning appears live in the browser, and the budget stops the session. */
    @Test
    void browserSeesABudgetWarningLiveAndTheSessionStoppedByItsBudget() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path first = system.projectRoot().resolve("budget-usage-1-" + suffix + ".json");
        Path second = system.projectRoot().resolve("budget-usage-2-" + suffix + ".json");
        Files.write(first, resource("otlp/claude-metrics-1.json"));
        Files.write(second, resource("otlp/claude-metrics-2.json"));
        try {
            Path screenshot = runBrowserScript("budget.e2e.mjs", "budget.png", Map.of("DROVER_OTLP_EXPORTS", first + ":" + second));
            assertThat(screenshot).isNotEmptyFile();
        } finally {
            Files.deleteIfExists(first);
            Files.deleteIfExists(second);
        }
        JsonNode spent = system.admin.call("GET", "/api/v1/budgets/events?limit=10", null);
        assertThat(spent.findValuesAsText("kind")).contains("warning", "spent");
    }

    /** A git repository named {@code name} under the daemon's project root, on {@code main} with one commit. */
    private Path repository(String name) throws IOException {
        Path repo = Files.createDirectories(system.projectRoot().resolve(name));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "# " + name + "\n");
        git(repo, "add", "README.md");
        git(repo, "-c", "user.name=Drover Test", "-c", "user.email=test@drover.invalid", "commit", "-q", "-m", "first");
        return repo;
    }

    private static String git(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(Arrays.asList(args));
        return SystemCommand.run(argv.toArray(String[]::new));
    }

    /**
     * A prompt to three agents: the two idle ones get it typed once each and confirmed (they went to
     * work), the one waiting for an approval is never typed into and its delivery is refused.
     */
    @Test
    void aPromptToManyArrivesOnceInEachIdleAgentAndIsRefusedWhereOneWaitsForAnApproval() throws Exception {
        TitledShell.install(system);
        String first = TitledShell.spawnIdle(system, "prompt target one");
        String second = TitledShell.spawnIdle(system, "prompt target two");
        String asking = TitledShell.spawnIdle(system, "prompt target asking");
        try (TerminalClient viewer = system.attach(asking, 0)) {
            viewer.type(TitledShell.ASK);
            TitledShell.awaitActivity(system, asking, "needs-approval");
        }

        JsonNode prompt = system.admin.call("POST", "/api/v1/prompts", Map.of(
                "sessionIds", List.of(first, second, asking), "text", "echo prompt-$((6*7))-arrived", "waitSeconds", 60));
        String promptId = prompt.path("id").asText();
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(system.admin.call("GET", "/api/v1/prompts/" + promptId, null)
                .path("deliveries").findValuesAsText("status")).containsExactly("confirmed", "confirmed", "refused"));
        JsonNode deliveries = system.admin.call("GET", "/api/v1/prompts/" + promptId, null).path("deliveries");
        assertThat(deliveries.get(0).path("detail").asText()).startsWith("working since");
        assertThat(deliveries.get(2).path("detail").asText()).startsWith("needs-approval: the agent waits for an approval");

        for (String target : List.of(first, second)) {
            await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> {
                String screen = screenText(target);
                assertThat(occurrences(screen, "prompt-42-arrived")).as("the prompt's output on %s's screen", target).isEqualTo(1);
                assertThat(occurrences(screen, "echo prompt-$((6*7))-arrived")).as("the prompt typed on %s", target).isEqualTo(1);
            });
            TitledShell.awaitActivity(system, target, "idle");
        }
        assertThat(screenText(asking)).doesNotContain("prompt-");
        JsonNode history = system.admin.call("GET", "/api/v1/sessions/" + asking + "/prompts", null);
        assertThat(history.findValuesAsText("text")).containsExactly("echo prompt-$((6*7))-arrived");
        assertThat(history.get(0).path("delivery").path("status").asText()).isEqualTo("refused");
    }

    /**
     * The fleet page by attention: the session that needs you first, a thumbnail showing what was
     * typed in a session, ] jumping to the next one that needs you, and a prompt to a selection with
     * each session's result.
     */
    @Test
    void browserOrdersTheFleetByAttentionShowsThumbnailsJumpsToWhoNeedsYouAndPromptsASelection() throws Exception {
        TitledShell.install(system);
        String idle = TitledShell.spawnIdle(system, "board idle");
        String asking = TitledShell.spawnIdle(system, "board asking");
        String marker = "thumb-" + UUID.randomUUID().toString().substring(0, 8);
        try (TerminalClient viewer = system.attach(idle, 0)) {
            viewer.type("echo " + marker + "\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> occurrences(viewer.output(), marker) >= 2);
        }
        try (TerminalClient viewer = system.attach(asking, 0)) {
            viewer.type(TitledShell.ASK);
        }
        TitledShell.awaitActivity(system, idle, "idle");
        TitledShell.awaitActivity(system, asking, "needs-approval");
        Path screenshot = runBrowserScript("fleet.e2e.mjs", "fleet.png", Map.of(
                "DROVER_IDLE_SESSION", idle, "DROVER_ASKING_SESSION", asking, "DROVER_MARKER", marker));
        assertThat(screenshot).isNotEmptyFile();
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(occurrences(screenText(idle), "fleet-prompt-42")).isEqualTo(1));
        assertThat(screenText(asking)).doesNotContain("fleet-prompt");
    }

    private String screenText(String sessionId) {
        List<String> lines = new ArrayList<>();
        system.admin.call("GET", "/api/v1/sessions/" + sessionId + "/screen", null).path("lines").forEach(line -> lines.add(line.asText()));
        return String.join("\n", lines);
    }

    private Path runBrowserScript(String script, String screenshotName) throws Exception {
        return runBrowserScript(script, screenshotName, Map.of());
    }

    /** Runs one of web-ui/e2e's scripts (headless Chromium) against this system; returns its screenshot. */
    private Path runBrowserScript(String script, String screenshotName, Map<String, String> environment)
            throws Exception {
        return system.runBrowserScript(script, screenshotName, environment);
    }

    private int postOtlp(String endpoint, String authorization, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/metrics"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Adds up the data points of one metric in an OTLP JSON export, optionally only those of one {@code type}. */
    private static BigDecimal sum(byte[] export, String metric, String type) throws IOException {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode points : JSON.readTree(export).findValues("metrics")) {
            for (JsonNode candidate : points) {
                if (!metric.equals(candidate.path("name").asText())) {
                    continue;
                }
                for (JsonNode point : candidate.path("sum").path("dataPoints")) {
                    if (type == null || hasType(point, type)) {
                        total = total.add(point.has("asDouble") ? new BigDecimal(point.get("asDouble").asText())
                                : new BigDecimal(point.path("asInt").asText()));
                    }
                }
            }
        }
        return total;
    }

    private static boolean hasType(JsonNode point, String type) {
        for (JsonNode attribute : point.path("attributes")) {
            if ("type".equals(attribute.path("key").asText())
                    && type.equals(attribute.path("value").path("stringValue").asText())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WholeSystemIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
