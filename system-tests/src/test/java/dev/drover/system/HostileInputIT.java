package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.drover.postgres.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Replays what an outside probe of a fresh {@code drover up} threw at Drover (hostile input and
 * faults, see docs/security.md "Hostile-input suite") against one real system: each case asserts a
 * clean refusal (a status with problem details, or a close code with a reason), and after each one
 * every service still answers.
 */
@ExtendWith(StateCleanup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(20);
    private static final String EVIL = "http://evil.example";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SystemUnderTest system;
    private String witness;

    /** The system's database: an embedded PostgreSQL, as {@code drover up} runs it. */
    private PostgresServer postgres;
    private Path postgresDir;

    @BeforeAll
    void startTheSystem() throws IOException {
        postgresDir = Files.createTempDirectory("drover-hostile-postgres");
        postgres = PostgresServer.embedded(postgresDir.resolve("data"), postgresDir.resolve("postgres.log"), 0,
                PostgresServer.randomSecret());
        system = SystemUnderTest.startOn(postgres);
        witness = system.spawnBash();
    }

    @AfterAll
    void stopTheSystem() throws InterruptedException {
        if (system != null) {
            system.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (postgresDir != null) {
            StateCleanup.delete(postgresDir);
        }
    }

    /** The hub and ingest are ready, the daemon's host is online and a bash session still echoes. */
    @AfterEach
    void everyServiceStillAnswers() throws Exception {
        assertThat(get(system.stack.hubUrl().resolve("/q/health/ready")).statusCode()).as("hub ready").isEqualTo(200);
        assertThat(get(system.stack.ingestUrl().resolve("/q/health/ready")).statusCode()).as("ingest ready").isEqualTo(200);
        assertThat(system.admin.isOnline(SystemUnderTest.HOST)).as("host online").isTrue();
        String marker = "alive-" + UUID.randomUUID().toString().substring(0, 8);
        try (TerminalClient viewer = system.attach(witness, 0)) {
            viewer.type("echo " + marker + "-$((6*7))\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> viewer.output().contains(marker + "-42\r\n"));
        }
    }

    @Test
    void terminalUpgradeWithTheCookieFromAForeignOriginIsRefused() throws Exception {
        String cookie = browserLogin().cookie;
        for (String origin : List.of(EVIL, "null")) {
            WebSocket.Builder builder = http.newWebSocketBuilder()
                    .header("Cookie", cookie)
                    .header("Origin", origin);
            URI terminal = URI.create("ws://" + system.stack.hubUrl().getAuthority() + "/api/v1/sessions/" + witness + "/terminal?from=0");
            assertThatThrownBy(() -> builder.buildAsync(terminal, new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join())
                    .as("upgrade from %s", origin)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
        }
    }

    @Test
    void cookieWritesWithoutJsonOrTheCsrfTokenAreRefused() throws Exception {
        BrowserLogin login = browserLogin();
        String hostId = system.admin.call("POST", "/api/v1/hosts",
                Map.of("name", "csrf-target-" + UUID.randomUUID().toString().substring(0, 6))).path("host").path("id").asText();
        URI revoke = system.stack.hubUrl().resolve("/api/v1/hosts/" + hostId + "/revoke");

        HttpResponse<String> foreignForm = send(HttpRequest.newBuilder(revoke)
                .header("Cookie", login.cookie)
                .header("Origin", EVIL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertRefused(foreignForm, 403);

        HttpResponse<String> plainText = send(HttpRequest.newBuilder(revoke)
                .header("Cookie", login.cookie)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertRefused(plainText, 403);

        HttpResponse<String> jsonWithoutToken = send(HttpRequest.newBuilder(revoke)
                .header("Cookie", login.cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertRefused(jsonWithoutToken, 403);

        JsonNode host = system.admin.call("GET", "/api/v1/hosts/" + hostId, null);
        assertThat(host.path("revoked").asBoolean(false)).as("host still not revoked").isFalse();
        system.admin.call("DELETE", "/api/v1/hosts/" + hostId, null);
    }

    @Test
    void aNulByteInTheTaskOrACommandElementIsABadRequest() throws Exception {
        String hostId = system.hostId(SystemUnderTest.HOST);
        HttpResponse<String> nulTask = postJson("/api/v1/sessions", Map.of(
                "hostId", hostId,
                "command", List.of("bash", "--noprofile", "--norc"),
                "task", "fix\u0000this"));
        assertRefused(nulTask, 400);
        assertThat(nulTask.body()).contains("task");

        HttpResponse<String> nulCommand = postJson("/api/v1/sessions", Map.of(
                "hostId", hostId,
                "command", List.of("bash", "-c", "echo\u0000hi")));
        assertRefused(nulCommand, 400);
        assertThat(nulCommand.body()).contains("command");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        long size = 64L * 1024 * 1024;
        HttpClient chunking = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = chunking.send(HttpRequest.newBuilder(system.stack.hubUrl().resolve("/api/v1/sessions"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + system.admin.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new EndlessJson(size)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(response, 413);
    }

    /**
     * The probe posted an 86 MB chunked body to the daemon's hook endpoint with a session's own hook
     * token: the daemon gathered it all and ran out of memory. It answers 413 with problem details
     * once the body passes its limit, and takes the session's hooks afterwards.
     */
    @Test
    void anOversizedChunkedHookBodyIsA413ProblemAndTheDaemonTakesHooksAfterIt() throws Exception {
        HookEndpoint hook = HookEndpoint.ofNewSession(system);
        long total = 86L << 20;
        HookEndpoint.Answer refused = hook.postChunked(total);
        assertThat(refused.status()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(refused.headers()).contains("content-type: application/problem+json");
        assertThat(refused.bytesSent()).as("the daemon stopped reading").isLessThan(total);
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(hook.url())
                .header("Authorization", "Bearer " + hook.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hook_event_name\":\"Stop\"}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    /**
     * The probe found the embedded PostgreSQL trusting every local connection (and the hub using its
     * superuser). A connection without the password generated for the stack, or with a wrong one,
     * is refused.
     */
    @Test
    void theEmbeddedDatabaseRefusesALocalLoginWithoutItsPassword() {
        for (String password : List.of("", "postgres", "guess")) {
            assertThatThrownBy(() -> PostgresServer.external("127.0.0.1", postgres.port(), "postgres", password)
                    .connect("postgres").close())
                    .as("superuser with password '%s'", password)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }
    }

    @Test
    void theWebUiIsServedWithHardeningHeadersAndAnIndexThatIsNotCachedForever() throws Exception {
        for (String path : List.of("/", "/sessions/" + witness)) {
            HttpResponse<String> page = get(system.stack.hubUrl().resolve(path));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).get().asString()
                    .contains("no-cache")
                    .doesNotContain("immutable");
        }
    }

    @Test
    void aSessionSeesNoneOfDroversOwnVariables() {
        String sessionId = system.spawnBash();
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("env | grep -cE '^(DROVER_(HUB|DAEMON|INGEST)|QUARKUS_)' ; echo env-$((1+1))\n");
            await().atMost(OUTPUT_TIMEOUT).until(() -> viewer.output().contains("env-2\r\n"));
            String plain = viewer.output().replaceAll("\u001b\\[[?0-9;]*[A-Za-z]", "").replace("\r", "");
            assertThat(plain).as("Drover's own variables in a session").contains("\n0\nenv-2\n");
            viewer.type("exit\n");
        }
    }

    /** Issue 9.7: a session's telemetry token stayed good for 30 days after the session ended. */
    @Test
    void aSessionsTelemetryTokenDiesWithTheSession() throws Exception {
        String sessionId = system.spawnBash();
        String token = telemetryToken(sessionId);
        await().atMost(OUTPUT_TIMEOUT).untilAsserted(() -> assertThat(export(token, "{\"resourceMetrics\":[]}").statusCode())
                .as("while the session runs (503 asks the exporter to retry)").isEqualTo(200));

        system.admin.call("POST", "/api/v1/sessions/" + sessionId + "/stop", null);
        await().atMost(OUTPUT_TIMEOUT).until(() ->
                !system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("state").asText().matches("starting|running"));

        // Refused once the end grace (15 s, for the usage a CLI flushes as it exits) and the ingest's
        // 5 s session cache have passed (docs/security.md).
        await().atMost(Duration.ofSeconds(35)).untilAsserted(() -> {
            HttpResponse<String> ended = export(token, "{\"resourceMetrics\":[]}");
            assertRefused(ended, 401);
            assertThat(ended.body()).contains("session has ended");
        });
    }

    /** Issue 9.5: values the hub's database refuses, and negative usage, stopped telemetry for every session. */
    @Test
    void exportsWithAControlCharacterOrNegativeUsageAreRefusedWith400() throws Exception {
        String token = telemetryToken(witness);
        for (String bad : List.of(usage("claude\\u0000opus", 10), usage("claude-opus", -346))) {
            HttpResponse<String> refused = export(token, bad);
            assertRefused(refused, 400);
        }
    }

    /** Issues 9.2 and 9.4: bad terminal messages close with their code and a short reason, never an internal error. */
    @Test
    void badTerminalMessagesCloseWithTheirCodeAndAShortReason() throws Exception {
        try (TerminalClient viewer = system.attach(witness, 0)) {
            viewer.sendText("{\"type\":\"resize\",\"cols\":null,\"rows\":\"x\"}");
            assertThat(viewer.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1007);
            assertThat(viewer.closeReason()).isEqualTo("1007 not a control message");
        }
        try (TerminalClient viewer = system.attach(witness, 0)) {
            viewer.typeBytes(new byte[1024 * 1024 + 1]);
            assertThat(viewer.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1009);
            assertThat(viewer.closeReason()).startsWith("1009 input message of 1048577 bytes is over the limit");
        }
    }

    /** Issue 9.9: a stream over HTTP/2 without a length got the framework's 413, with a header HTTP/2 forbids. */
    @Test
    void aStreamOverHttp2PastTheLimitIsA413Problem() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (URI uri : List.of(system.stack.hubUrl().resolve("/api/v1/sessions"), system.stack.ingestUrl().resolve("/v1/metrics"))) {
            String bearer = uri.getPath().startsWith("/api") ? system.admin.token() : telemetryToken(witness);
            assertThat(http2.send(HttpRequest.newBuilder(uri.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .version()).as("h2c upgrade of %s", uri).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<String> response = http2.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new EndlessJson(64L * 1024 * 1024)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertRefused(response, 413);
        }
    }

    /** Issue 9.7: a token stayed good after logout; issue 9.8: wrong passwords were never throttled. */
    @Test
    void aLoggedOutTokenIsRefusedAndRepeatedWrongPasswordsAreThrottled() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(system.stack.hubUrl().resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "username", "admin", "password", system.stack.secrets().adminPassword())))));
        String token = JSON.readTree(login.body()).path("token").asText();
        assertThat(send(bearer(token, "/api/v1/auth/logout").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        assertRefused(send(bearer(token, "/api/v1/me").GET()), 401);

        String guessed = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> last = null;
        for (int attempt = 0; attempt < 7; attempt++) {
            last = send(HttpRequest.newBuilder(system.stack.hubUrl().resolve("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "username", guessed, "password", "wrong")))));
        }
        assertRefused(last, 429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    private record BrowserLogin(String cookie, String csrf) {
    }

    /** The session's telemetry token, as its agent finds it in {@code OTEL_EXPORTER_OTLP_HEADERS}. */
    private String telemetryToken(String sessionId) {
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("echo \"T=$OTEL_EXPORTER_OTLP_HEADERS;\"\n");
            return viewer.awaitOutput(Pattern.compile("T=Authorization=Bearer ([A-Za-z0-9_.-]+);"), OUTPUT_TIMEOUT).group(1);
        }
    }

    private HttpResponse<String> export(String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(system.stack.ingestUrl().resolve("/v1/metrics"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An OTLP/JSON export of one Claude token count of {@code tokens} for {@code model} (JSON text, may hold escapes). */
    private static String usage(String model, long tokens) {
        return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.token.usage\",\"sum\":{"
                + "\"aggregationTemporality\":1,\"isMonotonic\":true,\"dataPoints\":[{\"asDouble\":" + tokens
                + ",\"timeUnixNano\":\"1700000000000000000\",\"attributes\":[{\"key\":\"type\",\"value\":{\"stringValue\":\"input\"}},"
                + "{\"key\":\"model\",\"value\":{\"stringValue\":\"" + model + "\"}}]}]}}]}]}]}";
    }

    private HttpRequest.Builder bearer(String token, String path) {
        return HttpRequest.newBuilder(system.stack.hubUrl().resolve(path)).header("Authorization", "Bearer " + token);
    }

    /** Logs in as the browser does and returns the cookies it was given. */
    private BrowserLogin browserLogin() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(system.stack.hubUrl().resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "username", "admin", "password", system.stack.secrets().adminPassword())))));
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder cookies = new StringBuilder();
        String csrf = null;
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            cookies.append(cookies.isEmpty() ? "" : "; ").append(pair);
            if (pair.startsWith("drover_csrf=")) {
                csrf = pair.substring("drover_csrf=".length());
            }
        }
        assertThat(csrf).as("CSRF cookie").isNotBlank();
        return new BrowserLogin(cookies.toString(), csrf);
    }

    private HttpResponse<String> postJson(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(system.stack.hubUrl().resolve(path))
                .header("Authorization", "Bearer " + system.admin.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A JSON string body of {@code size} bytes that never ends before then, sent without a length. */
    private static final class EndlessJson extends InputStream {
        private final long size;
        private long sent;

        EndlessJson(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (sent >= size) {
                return -1;
            }
            return sent++ == 0 ? '"' : 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (sent >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - sent);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = sent + i == 0 ? (byte) '"' : (byte) 'a';
            }
            sent += count;
            return count;
        }
    }
}
