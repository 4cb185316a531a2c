package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import dev.drover.cli.stack.LocalStack;
import dev.drover.cli.stack.ServiceJvm;
import dev.drover.cli.stack.ServiceProcess;
import dev.drover.cli.stack.StackLayout;
import io.smallrye.certs.chain.CertificateChainGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole system with the hub serving HTTPS only, with a certificate from a CA this test makes:
 * the daemon, the ingest's telemetry stream and the CLI's client verify it; a daemon or a client
 * that trusts another CA is refused and says why.
 */
@ExtendWith(StateCleanup.class)
class TlsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path certificates;
    private static SystemUnderTest system;

    @BeforeAll
    static void start() throws Exception {
        certificates = Files.createTempDirectory("drover-tls");
        Path hub = generate("hub-ca");
        generate("other-ca");
        system = SystemUnderTest.startTls(new LocalStack.Tls(hub.resolve("localhost.crt"), hub.resolve("localhost.key"),
                hubCa()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (system != null) {
            system.close();
        }
        try (var files = Files.walk(certificates)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theHubServesOnlyHttpsAndTheDaemonThatTrustsItsCaIsOnline() throws Exception {
        URI hub = system.stack.hubUrl();
        assertThat(hub.getScheme()).isEqualTo("https");
        assertThat(system.admin.isOnline(SystemUnderTest.HOST)).isTrue();

        HttpResponse<String> ready = system.stack.http().send(HttpRequest.newBuilder(hub.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        URI plain = URI.create("http://" + hub.getAuthority() + "/q/health/ready");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP on the hub's port")
                .isInstanceOf(IOException.class);
    }

    @Test
    void aTerminalRunsOverWssAndTelemetryReachesTheHubOverTheTlsStream() throws Exception {
        String sessionId = system.spawnBash();
        String authorization;
        String endpoint;
        try (TerminalClient viewer = system.attach(sessionId, 0)) {
            viewer.type("echo \"H=$OTEL_EXPORTER_OTLP_HEADERS E=$OTEL_EXPORTER_OTLP_ENDPOINT .\"\n");
            Pattern exported = Pattern.compile("H=Authorization=(Bearer [A-Za-z0-9._-]+) E=(\\S+) \\.");
            Matcher match = viewer.awaitOutput(exported, TIMEOUT);
            authorization = match.group(1);
            endpoint = match.group(2);
        }
        byte[] export;
        try (InputStream in = TlsIT.class.getClassLoader().getResourceAsStream("otlp/claude-metrics-1.json")) {
            assertThat(in).isNotNull();
            export = in.readAllBytes();
        }
        HttpRequest post = HttpRequest.newBuilder(URI.create(endpoint + "/v1/metrics"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(export))
                .build();
        assertThat(HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode usage = system.admin.call("GET", "/api/v1/sessions/" + sessionId, null).path("usage");
            assertThat(usage.path("inputTokens").asLong()).as("input tokens relayed by the ingest").isPositive();
        });
    }

    @Test
    void theCliTrustsTheHubOnlyThroughItsCa() {
        URI hub = system.stack.hubUrl();
        HubClient trusting = new HubClient(hub, Optional.of(hubCa()));
        trusting.login(LocalStack.ADMIN, system.stack.secrets().adminPassword());
        assertThat(trusting.isOnline(SystemUnderTest.HOST)).isTrue();

        for (HubClient untrusting : List.of(new HubClient(hub), new HubClient(hub, Optional.of(otherCa())))) {
            assertThatThrownBy(() -> untrusting.login(LocalStack.ADMIN, system.stack.secrets().adminPassword()))
                    .isInstanceOf(HubClient.HubException.class)
                    .hasMessageContaining("the hub at " + hub + " is not trusted");
        }
    }

    @Test
    void aDaemonThatTrustsAnotherCaIsRefusedAndSaysWhy() throws Exception {
        StackLayout layout = new StackLayout(system.home, system.state);
        Path state = system.state.resolve("daemon-untrusting");
        Map<String, String> untrusting = Map.of(
                "DROVER_DAEMON_HUB_URL", system.stack.hubUrl().toString(),
                "DROVER_DAEMON_STATE_DIR", state.toString(),
                "DROVER_DAEMON_HUB_CA_FILE", otherCa().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1");

        try {
            Map<String, String> enrolling = new java.util.HashMap<>(untrusting);
            enrolling.put("DROVER_DAEMON_JOIN_TOKEN", system.admin.createHost("untrusting-host"));
            try (ServiceProcess daemon = ServiceProcess.start("daemon-untrusting", List.of(), layout.daemonJar(), ServiceJvm.DAEMON,
                    enrolling, layout.logs().resolve("daemon-untrusting.log"))) {
                await().atMost(TIMEOUT).until(() -> !daemon.isAlive());
                assertThat(daemon.exitValue()).as("exit status when it cannot enrol").isEqualTo(1);
                assertThat(daemon.logTail(20)).contains("is not trusted");
            }
            assertThat(system.admin.isOnline("untrusting-host")).isFalse();

            LocalStack.DaemonSite site = new LocalStack.DaemonSite("retrying-host", system.state.resolve("daemon-retrying"),
                    system.stack.hubUrl(), List.of(), "127.0.0.1", null);
            system.stack.startDaemon(site).close();
            await().atMost(TIMEOUT).until(() -> !system.admin.isOnline("retrying-host"));
            Map<String, String> enrolled = new java.util.HashMap<>(untrusting);
            enrolled.put("DROVER_DAEMON_STATE_DIR", site.state().toString());
            try (ServiceProcess daemon = ServiceProcess.start("daemon-retrying", List.of(), layout.daemonJar(), ServiceJvm.DAEMON,
                    enrolled, layout.logs().resolve("daemon-retrying-untrusting.log"))) {
                await().atMost(TIMEOUT).until(() -> occurrences(daemon.logTail(200), "is not trusted") >= 2);
                assertThat(daemon.isAlive()).as("an enrolled daemon keeps retrying an untrusted hub").isTrue();
                assertThat(daemon.logTail(200)).contains("the hub at " + system.stack.hubUrl() + " is not trusted: ")
                        .contains("drover.daemon.hub-ca-file");
                assertThat(system.admin.isOnline("retrying-host")).isFalse();
            }
        } finally {
            // Each of these daemons started a tmux keeper of its own; end them with the test.
            SystemUnderTest.endKeeper(state);
            SystemUnderTest.endKeeper(system.state.resolve("daemon-retrying"));
        }
    }

    private static Path generate(String name) throws Exception {
        Path dir = certificates.resolve(name);
        new CertificateChainGenerator(dir.toFile()).withCN("localhost")
                .withSAN(List.of("DNS:localhost", "IP:127.0.0.1")).generate();
        return dir;
    }

    private static Path hubCa() {
        return certificates.resolve("hub-ca/root.crt");
    }

    private static Path otherCa() {
        return certificates.resolve("other-ca/root.crt");
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
