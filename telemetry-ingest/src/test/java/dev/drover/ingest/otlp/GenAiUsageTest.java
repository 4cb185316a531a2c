package dev.drover.ingest.otlp;

import dev.drover.ingest.Fixtures;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.ingest.forwarding.TestHub;
import dev.drover.telemetry.v1.CostBasis;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OpenTelemetry's GenAI names, read through the profiles' conventions ({@code src/test/resources/profiles/genai.yaml}
 * and {@code genai-events.yaml}), with the mapping chosen by the profile the session's telemetry token names.
 */
@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class GenAiUsageTest {

    private static final String GEMINI_METRICS = "gemini-http-json/0033-v1_metrics.json";

    @Inject
    TestHub hub;

    @Test
    void genAiClientTokenUsageOfTheRecordedGeminiExportIsCountedPerModelWithItsPriceOrUnpriced() {
        String session = UUID.randomUUID().toString();

        post(session, "genai", "/v1/metrics", "application/json", Fixtures.bytes(GEMINI_METRICS));

        // The export holds one request to each model: 1111 input and 222 output tokens (cumulative histograms).
        // genai.yaml prices gemini-3.5-flash-lite at 0.10 and 0.40 USD per million; gemini-3.8-flash has no price.
        List<UsageDelta> usage = awaitUsage(session, 2);
        assertThat(usage).extracting(UsageDelta::getModel).containsExactly("gemini-3.5-flash-lite", "gemini-3.8-flash");
        assertThat(usage).allSatisfy(u -> {
            assertThat(u.getInputTokens()).isEqualTo(1111);
            assertThat(u.getOutputTokens()).isEqualTo(222);
            assertThat(u.getCacheReadTokens()).isZero();
            assertThat(u.getSource()).isEqualTo("gen_ai.client.token.usage");
        });
        assertThat(usage.get(0).getCostBasis()).isEqualTo(CostBasis.COST_BASIS_ESTIMATED);
        assertThat(usage.get(0).getCostNanoUsd()).isEqualTo(1111 * 100 + 222 * 400);
        assertThat(usage.get(1).getCostBasis()).isEqualTo(CostBasis.COST_BASIS_UNPRICED);
        assertThat(usage.get(1).getCostNanoUsd()).isZero();

        post(session, "genai", "/v1/metrics", "application/json", Fixtures.bytes(GEMINI_METRICS));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> usage(session).size() == 2);
    }

    @Test
    void aGeminiSessionIsNotReadWithTheGenAiMappingThoughItsExportCarriesGenAiNames() {
        String gemini = UUID.randomUUID().toString();
        String genai = UUID.randomUUID().toString();

        post(gemini, "gemini", "/v1/metrics", "application/json", Fixtures.bytes(GEMINI_METRICS));
        post(genai, "genai", "/v1/metrics", "application/json", Fixtures.bytes(GEMINI_METRICS));

        awaitUsage(genai, 2);
        assertThat(usage(gemini)).isEmpty();

        // Its logs carry gemini_cli.api_response and gen_ai.client.inference.operation.details for the same request:
        // only the first counts, with the 444 cached tokens and 55 thought tokens the gen_ai event leaves out.
        post(gemini, "gemini", "/v1/logs", "application/json", Fixtures.bytes("gemini-http-json/0029-v1_logs.json"));
        UsageDelta usage = awaitUsage(gemini, 1).getFirst();
        assertThat(usage.getSource()).isEqualTo("gemini_cli.api_response");
        assertThat(usage.getInputTokens()).isEqualTo(1111 - 444);
        assertThat(usage.getOutputTokens()).isEqualTo(222 + 55);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> usage(gemini).size() == 1);
    }

    @Test
    void genAiUsageAttributesOfTheRecordedGeminiInferenceEventAreCounted() {
        String session = UUID.randomUUID().toString();

        post(session, "genai-events", "/v1/logs", "application/json", Fixtures.bytes("gemini-http-json/0029-v1_logs.json"));

        // Gemini's gen_ai.client.inference.operation.details names no cached tokens: its 1111 input count as input.
        UsageDelta usage = awaitUsage(session, 1).getFirst();
        assertThat(usage.getModel()).isEqualTo("gemini-3.5-flash-lite");
        assertThat(usage.getInputTokens()).isEqualTo(1111);
        assertThat(usage.getOutputTokens()).isEqualTo(222);
        assertThat(usage.getSource()).isEqualTo("gen_ai.client.inference.operation.details");
        assertThat(usage.getCostNanoUsd()).isEqualTo(1111 * 100 + 222 * 400);
    }

    @Test
    void anAgentRunInAShellSessionIsCountedByEveryProfilesNames() {
        String session = UUID.randomUUID().toString();

        post(session, "bash", "/v1/metrics", "application/json", Fixtures.bytes("claude-http-json/0003-v1_metrics.json"));

        UsageDelta usage = awaitUsage(session, 1).getFirst();
        assertThat(usage.getSource()).isEqualTo("claude_code.token.usage");
        assertThat(usage.getInputTokens()).isEqualTo(1111);
        assertThat(usage.getCacheReadTokens()).isEqualTo(4444);
    }

    @Test
    void newerGenAiUsageAttributesCountCachedTokensApartFromInput() {
        String session = UUID.randomUUID().toString();

        post(session, "genai-events", "/v1/logs", "application/x-protobuf", inferenceDetails(1111, 222, 4444, 333)
                .toByteArray());

        // The mock's figures as an instrumentation reports them: gen_ai.usage.input_tokens counts the cached tokens
        // too (1111 + 4444 + 333); the ingest takes them out so that input means the same as for every agent.
        UsageDelta usage = awaitUsage(session, 1).getFirst();
        assertThat(usage.getModel()).isEqualTo("gpt-9");
        assertThat(usage.getInputTokens()).isEqualTo(1111);
        assertThat(usage.getOutputTokens()).isEqualTo(222);
        assertThat(usage.getCacheReadTokens()).isEqualTo(4444);
        assertThat(usage.getCacheCreationTokens()).isEqualTo(333);
        assertThat(usage.getCostBasis()).isEqualTo(CostBasis.COST_BASIS_ESTIMATED);
        // gpt-9 in genai-events.yaml: 2.00 input, 8.00 output, 0.50 cache read, 2.50 cache write USD per million.
        assertThat(usage.getCostNanoUsd()).isEqualTo(1111 * 2000 + 222 * 8000 + 4444 * 500 + 333 * 2500);
    }

    private static ExportLogsServiceRequest inferenceDetails(long uncachedInput, long output, long cacheRead,
            long cacheWrite) {
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(1_795_000_000_000_000_000L)
                .setObservedTimeUnixNano(1_795_000_000_100_000_000L)
                .setEventName("gen_ai.client.inference.operation.details")
                .addAttributes(string("gen_ai.request.model", "gpt-9"))
                .addAttributes(integer("gen_ai.usage.input_tokens", uncachedInput + cacheRead + cacheWrite))
                .addAttributes(integer("gen_ai.usage.output_tokens", output))
                .addAttributes(integer("gen_ai.usage.cache_read.input_tokens", cacheRead))
                .addAttributes(integer("gen_ai.usage.cache_creation.input_tokens", cacheWrite))
                .build();
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
                .build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static void post(String session, String profile, String path, String contentType, byte[] body) {
        given().header("Authorization", TelemetryTokens.bearer(session, profile))
                .contentType(contentType)
                .body(body)
                .post(path)
                .then().statusCode(200);
    }

    private List<UsageDelta> usage(String session) {
        return hub.eventsOf(session).stream()
                .filter(TelemetryEvent::hasUsage)
                .map(TelemetryEvent::getUsage)
                .sorted(Comparator.comparing(UsageDelta::getModel))
                .toList();
    }

    private List<UsageDelta> awaitUsage(String session, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> usage(session).size() >= count);
        return usage(session);
    }
}
