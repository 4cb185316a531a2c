package dev.drover.ingest.otlp;

import com.google.gson.JsonObject;
import dev.drover.ingest.Fixtures;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.ingest.forwarding.TestHub;
import dev.drover.ingest.mapping.ResourceSessionFilter;
import dev.drover.telemetry.v1.CostBasis;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * OTLP/HTTP as the agents' exporters send it, against the real ingest. One class, longer than most, so that
 * its cases share one application start.
 */
@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class OtlpHttpReceiverTest {

    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";

    @Inject
    TestHub hub;

    @Inject
    ResourceSessionFilter sessionFilter;

    @TestHTTPResource("/")
    URI base;

    @Test
    void claudeJsonMetricsForwardExactTokensAndCostPerRequest() {
        String session = UUID.randomUUID().toString();
        List<String> files = Fixtures.in("claude-http-json", "metrics");
        long requests = files.stream()
                .mapToLong(f -> Fixtures.dataPoints(Fixtures.json(f), "claude_code.cost.usage").size())
                .sum();

        files.forEach(f -> post("/v1/metrics", session, JSON, Fixtures.bytes(f)).statusCode(200));

        assertThat(requests).isEqualTo(3);
        awaitTotals(session, new TelemetryTotals(1111 * requests, 222 * requests, 4444 * requests, 333 * requests,
                11_437_800 * requests));
        assertThat(hub.eventsOf(session)).allSatisfy(e -> {
            assertThat(e.getUsage().getModel()).isEqualTo("claude-opus-5-5");
            assertThat(e.getUsage().getSource()).isEqualTo("claude_code.token.usage");
            assertThat(e.getUsage().getCostBasis()).isEqualTo(CostBasis.COST_BASIS_REPORTED);
            assertThat(e.getUsage().getContextWindowTokens()).isEqualTo(200_000);
        });
    }

    @Test
    void claudeProtobufMetricsForwardTheSameFiguresPerRequest() {
        String session = UUID.randomUUID().toString();

        given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType(PROTOBUF)
                .body(Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"))
                .post("/v1/metrics")
                .then().statusCode(200)
                .contentType(PROTOBUF);

        long requests = Fixtures.claudeApiRequests("claude-http-protobuf/0002-v1_logs.bin");
        assertThat(requests).isEqualTo(2);
        awaitTotals(session, new TelemetryTotals(1111 * requests, 222 * requests, 4444 * requests, 333 * requests,
                11_437_800 * requests));
        assertThat(hub.eventsOf(session)).singleElement()
                .satisfies(e -> assertThat(e.getUsage().getModel()).isEqualTo("claude-opus-5-5"));
    }

    @Test
    void protobufExportIsAnsweredWithAProtobufResponse() throws Exception {
        byte[] answer = post("/v1/metrics", UUID.randomUUID().toString(), PROTOBUF,
                Fixtures.bytes("claude-http-protobuf/0003-v1_metrics.bin"))
                .statusCode(200).extract().asByteArray();

        assertThat(ExportMetricsServiceResponse.parseFrom(answer)).isEqualTo(ExportMetricsServiceResponse.getDefaultInstance());
    }

    @Test
    void jsonExportIsAnsweredWithAJsonResponse() {
        post("/v1/metrics", UUID.randomUUID().toString(), JSON, Fixtures.bytes("claude-http-json/0001-v1_metrics.json"))
                .statusCode(200)
                .contentType(JSON)
                .body(equalTo("{}"));
    }

    @Test
    void resendingAnExportYieldsTheSameEventIds() {
        String session = UUID.randomUUID().toString();
        byte[] export = Fixtures.bytes("claude-http-json/0003-v1_metrics.json");

        post("/v1/metrics", session, JSON, export).statusCode(200);
        Set<String> first = ids(awaitEvents(session, 1));
        post("/v1/metrics", session, JSON, export).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> hub.deliveriesOf(session) == 2);
        assertThat(ids(hub.eventsOf(session))).isEqualTo(first);
        assertThat(TelemetryTotals.of(hub.eventsOf(session)).costNanoUsd()).isEqualTo(11_437_800);
    }

    @Test
    void geminiUsageComesFromItsApiResponseEventsWithoutTheCachedTokensInInputAndPricedFromItsProfile() throws Exception {
        String session = UUID.randomUUID().toString();
        List<String> logs = Fixtures.in("gemini-http-json", "logs");
        long responses = logs.stream().mapToLong(f -> Fixtures.logRecords(Fixtures.json(f), "gemini_cli.api_response")).sum();

        // The metrics carry gen_ai.client.token.usage too, which the test profile genai counts: a Gemini session's
        // token names its profile, so only Gemini's mapping reads them and nothing is counted twice.
        assertThat(postChunked(session, "gemini", "/v1/metrics", Fixtures.json("gemini-http-json/0033-v1_metrics.json")))
                .isEqualTo(200);
        for (String file : logs) {
            assertThat(postChunked(session, "gemini", "/v1/logs", Fixtures.json(file))).isEqualTo(200);
        }

        assertThat(responses).isEqualTo(2);
        // Per request the mock answered 1111 prompt tokens of which 444 cached, 222 candidates and 55 thoughts;
        // gemini-3.5-flash-lite costs 0.10 (input), 0.40 (output) and 0.01 (cache read) USD per million tokens.
        long nanoUsdPerResponse = (1111 - 444) * 100 + (222 + 55) * 400 + 444 * 10;
        awaitTotals(session, new TelemetryTotals((1111 - 444) * responses, (222 + 55) * responses, 444 * responses, 0,
                nanoUsdPerResponse * responses));
        assertThat(nanoUsdPerResponse).isEqualTo(181_940);
        assertThat(usage(session)).hasSize(2).allSatisfy(u -> {
            assertThat(u.getModel()).isEqualTo("gemini-3.5-flash-lite");
            assertThat(u.getSource()).isEqualTo("gemini_cli.api_response");
            assertThat(u.getCostBasis()).isEqualTo(CostBasis.COST_BASIS_ESTIMATED);
            assertThat(u.getContextWindowTokens()).isEqualTo(1_048_576);
        });
    }

    @Test
    void aModelWithoutAPriceIsMarkedUnpricedNotCountedAsFree() {
        String session = UUID.randomUUID().toString();
        String export = new String(Fixtures.bytes("gemini-http-json/0029-v1_logs.json"), StandardCharsets.UTF_8)
                .replace("gemini-3.5-flash-lite", "gemini-9-ultra");

        given().header("Authorization", TelemetryTokens.bearer(session, "gemini"))
                .contentType(JSON)
                .body(export.getBytes(StandardCharsets.UTF_8))
                .post("/v1/logs")
                .then().statusCode(200);

        awaitTotals(session, new TelemetryTotals(1111 - 444, 222 + 55, 444, 0, 0));
        assertThat(usage(session)).singleElement().satisfies(u -> {
            assertThat(u.getModel()).isEqualTo("gemini-9-ultra");
            assertThat(u.getCostBasis()).isEqualTo(CostBasis.COST_BASIS_UNPRICED);
            assertThat(u.getContextWindowTokens()).as("a model the profile lists no window for").isZero();
        });
    }

    @Test
    void codexHistogramSumsAreForwardedWithoutTheCachedTokensInInputAndPricedFromItsProfile() {
        String session = UUID.randomUUID().toString();
        JsonObject export = Fixtures.json("codex-http-json/0067-v1_metrics.json");
        List<JsonObject> points = Fixtures.dataPoints(export, "codex.turn.token_usage");
        long turns = points.getFirst().get("count").getAsLong();

        post("/v1/metrics", session, JSON, Fixtures.bytes("codex-http-json/0067-v1_metrics.json")).statusCode(200);
        post("/v1/logs", session, JSON, Fixtures.bytes("codex-http-json/0035-v1_logs.json")).statusCode(200);

        assertThat(turns).isEqualTo(2);
        // Per turn the mock answered 1111 input tokens of which 444 cached, and 222 output tokens; gpt-5.5 costs
        // 1.25 (input), 10 (output) and 0.125 (cache read) USD per million tokens.
        long nanoUsdPerTurn = (1111 - 444) * 1250 + 222 * 10_000 + 444 * 125;
        awaitTotals(session, new TelemetryTotals((1111 - 444) * turns, 222 * turns, 444 * turns, 0, nanoUsdPerTurn * turns));
        assertThat(nanoUsdPerTurn).isEqualTo(3_109_250);
        assertThat(usage(session)).singleElement().satisfies(u -> {
            assertThat(u.getModel()).isEqualTo("gpt-5.5");
            assertThat(u.getCostBasis()).isEqualTo(CostBasis.COST_BASIS_ESTIMATED);
            assertThat(u.getContextWindowTokens()).isEqualTo(272_000);
        });
    }

    @Test
    void claudeLogRecordsBecomeActivityEvents() {
        String session = UUID.randomUUID().toString();
        List<String> files = Fixtures.in("claude-http-json", "logs");
        long records = files.stream()
                .mapToLong(f -> Fixtures.json(f).getAsJsonArray("resourceLogs").asList().stream()
                        .flatMap(rl -> rl.getAsJsonObject().getAsJsonArray("scopeLogs").asList().stream())
                        .mapToLong(sl -> sl.getAsJsonObject().getAsJsonArray("logRecords").size())
                        .sum())
                .sum();

        files.forEach(f -> post("/v1/logs", session, JSON, Fixtures.bytes(f)).statusCode(200));

        List<TelemetryEvent> events = awaitEvents(session, (int) records);
        assertThat(events).allSatisfy(e -> assertThat(e.hasActivity()).isTrue());
        assertThat(events).extracting(e -> e.getActivity().getName())
                .contains("user_prompt", "api_request");
        TelemetryEvent apiRequest = events.stream()
                .filter(e -> e.getActivity().getName().equals("api_request"))
                .findFirst().orElseThrow();
        assertThat(apiRequest.getActivity().getAttributesMap())
                .containsEntry("model", "claude-opus-5-5")
                .containsEntry("cost_usd", "0.0114378")
                .doesNotContainKeys("user.id", "session.id", "event.name");
    }

    @Test
    void codexLogRecordsWithoutTimeUseTheObservedTime() {
        String session = UUID.randomUUID().toString();

        post("/v1/logs", session, JSON, Fixtures.bytes("codex-http-json/0035-v1_logs.json")).statusCode(200);

        List<TelemetryEvent> events = awaitEvents(session, 5);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getActivity().getName()).isEqualTo("codex.sse_event");
            assertThat(e.getObservedAtUnixNanos()).isGreaterThan(1_795_239_140_000_000_000L);
        });
    }

    @Test
    void geminiLogsWithHexTraceIdsAreAccepted() {
        String session = UUID.randomUUID().toString();

        post("/v1/logs", session, JSON, Fixtures.bytes("gemini-http-json/0029-v1_logs.json")).statusCode(200);

        assertThat(awaitEvents(session, 1)).first()
                .satisfies(e -> assertThat(e.getActivity().getName()).isEqualTo("gemini_cli.api_request"));
    }

    @Test
    void claudeProtobufTracesAndLogsAreAccepted() {
        String session = UUID.randomUUID().toString();

        post("/v1/traces", session, PROTOBUF, Fixtures.bytes("claude-http-protobuf/0001-v1_traces.bin")).statusCode(200);
        post("/v1/logs", session, PROTOBUF, Fixtures.bytes("claude-http-protobuf/0002-v1_logs.bin")).statusCode(200);

        assertThat(awaitEvents(session, 1)).allSatisfy(e -> assertThat(e.hasActivity()).isTrue());
    }

    @Test
    void gzipBodyIsAccepted() throws IOException {
        String session = UUID.randomUUID().toString();

        given().header("Authorization", TelemetryTokens.bearer(session))
                .header("Content-Encoding", "gzip")
                .contentType(JSON)
                .body(gzip(Fixtures.bytes("claude-http-json/0003-v1_metrics.json")))
                .post("/v1/metrics")
                .then().statusCode(200);

        awaitTotals(session, new TelemetryTotals(1111, 222, 4444, 333, 11_437_800));
    }

    @Test
    void missingTokenIsRefused() {
        given().contentType(JSON)
                .body(Fixtures.bytes("claude-http-json/0003-v1_metrics.json"))
                .post("/v1/metrics")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        given().header("Authorization", "Bearer " + TelemetryTokens.token(UUID.randomUUID().toString(), "drover-hub"))
                .contentType(JSON)
                .body(Fixtures.bytes("claude-http-json/0003-v1_metrics.json"))
                .post("/v1/metrics")
                .then().statusCode(401);
    }

    @Test
    void garbageProtobufIsABadRequestWithAMessage() {
        post("/v1/metrics", UUID.randomUUID().toString(), PROTOBUF, "not protobuf at all".getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("ExportMetricsServiceRequest"));
    }

    @Test
    void garbageJsonIsABadRequest() {
        post("/v1/logs", UUID.randomUUID().toString(), JSON, "{\"resourceLogs\": 7".getBytes(StandardCharsets.UTF_8))
                .statusCode(400);
    }

    @Test
    void unsupportedContentTypeIsRefused() {
        post("/v1/metrics", UUID.randomUUID().toString(), "text/plain", "hello".getBytes(StandardCharsets.UTF_8))
                .statusCode(415);
    }

    @Test
    void resourceOfAnotherSessionIsDropped() {
        String session = UUID.randomUUID().toString();
        String export = new String(Fixtures.bytes("claude-http-json/0003-v1_metrics.json"), StandardCharsets.UTF_8)
                .replace("{\"key\":\"fleet.session.id\",\"value\":{\"stringValue\":\"abc123\"}}",
                        "{\"key\":\"" + ResourceSessionFilter.SESSION_ATTRIBUTE + "\",\"value\":{\"stringValue\":\"someone-else\"}}");
        long droppedBefore = sessionFilter.droppedResources();

        post("/v1/metrics", session, JSON, export.getBytes(StandardCharsets.UTF_8)).statusCode(200);

        assertThat(sessionFilter.droppedResources()).isEqualTo(droppedBefore + 1);
        assertThat(hub.eventsOf(session)).isEmpty();
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/metrics"))
                    .expectContinue(true)
                    .header("Authorization", TelemetryTokens.bearer(UUID.randomUUID().toString()))
                    .header("Content-Type", PROTOBUF)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[9 * 1024 * 1024]))
                    .build();

            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"status\":413");
        }
    }

    /** Over HTTP/2 (h2c) the refusal carried {@code Connection: close}, which HTTP/2 forbids (the JDK client fails on it). */
    @Test
    void aBodyWithoutContentLengthOverTheLimitIsRefusedOverHttp1AndHttp2() throws Exception {
        byte[] body = new byte[9 * 1024 * 1024];
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            try (HttpClient client = HttpClient.newBuilder().version(version).build()) {
                client.send(HttpRequest.newBuilder(base.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.discarding());
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/metrics"))
                        .header("Authorization", TelemetryTokens.bearer(UUID.randomUUID().toString()))
                        .header("Content-Type", PROTOBUF)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build();

                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.version()).isEqualTo(version);
                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
    }

    /** Issue 9: a session's telemetry token stayed good for 30 days after the session ended. */
    @Test
    void aTokenWhoseSessionEndedIsRefusedWith401() {
        String session = UUID.randomUUID().toString();
        byte[] export = Fixtures.bytes("claude-http-json/0003-v1_metrics.json");
        post("/v1/metrics", session, JSON, export).statusCode(200);

        hub.end(session);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> post("/v1/metrics", session, JSON, export)
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("the telemetry token's session has ended")));
    }

    private io.restassured.response.ValidatableResponse post(String path, String session, String contentType, byte[] body) {
        return given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType(contentType)
                .body(body)
                .post(path)
                .then();
    }

    /** Posts like Gemini's exporter does: chunked, no Content-Length. */
    private int postChunked(String session, String profile, String path, JsonObject export)
            throws IOException, InterruptedException {
        byte[] body = export.toString().getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", TelemetryTokens.bearer(session, profile))
                    .header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private List<UsageDelta> usage(String session) {
        return hub.eventsOf(session).stream().filter(TelemetryEvent::hasUsage).map(TelemetryEvent::getUsage).toList();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private List<TelemetryEvent> awaitEvents(String session, int atLeast) {
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.eventsOf(session).size() >= atLeast);
        return hub.eventsOf(session);
    }

    private void awaitTotals(String session, TelemetryTotals expected) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(TelemetryTotals.of(hub.eventsOf(session))).isEqualTo(expected));
    }

    private static Set<String> ids(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::getEventId).collect(Collectors.toSet());
    }
}
