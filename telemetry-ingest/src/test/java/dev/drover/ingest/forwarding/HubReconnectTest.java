package dev.drover.ingest.forwarding;

import dev.drover.ingest.Fixtures;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(TestPorts.class)
class HubReconnectTest {

    @Inject
    TestHub hub;

    @Inject
    Outbox outbox;

    /** A session the hub said was live goes on exporting while the hub is down; its events wait in the outbox. */
    @Test
    void eventsAcceptedWhileTheHubIsDownAreDeliveredWhenItComesBack() {
        String session = UUID.randomUUID().toString();
        export(session, "claude-http-json/0003-v1_metrics.json").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.eventsOf(session).size() == 1);
        hub.stop();
        try {
            export(session, "claude-http-json/0005-v1_metrics.json").then().statusCode(200);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> hub.eventsOf(session).size() == 1);
            assertThat(outbox.size()).isPositive();
        } finally {
            hub.start();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> hub.eventsOf(session).size() == 2);
        TelemetryEvent event = hub.eventsOf(session).getLast();
        assertThat(event.getUsage().getCostNanoUsd()).isEqualTo(11_437_800);
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
    }

    /**
     * Whether a token's session is live is known only to the hub: a session the ingest has not heard of while the hub
     * is down (after a restart of the ingest, say) is asked to retry, never taken on trust.
     */
    @Test
    void aSessionFirstSeenWhileTheHubIsDownIsAskedToRetry() {
        String session = UUID.randomUUID().toString();
        hub.stop();
        try {
            export(session, "claude-http-json/0003-v1_metrics.json").then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json");
        } finally {
            hub.start();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                export(session, "claude-http-json/0003-v1_metrics.json").then().statusCode(200));
    }

    private static Response export(String session, String fixture) {
        return given().header("Authorization", TelemetryTokens.bearer(session))
                .contentType("application/json")
                .body(Fixtures.bytes(fixture))
                .post("/v1/metrics");
    }

    @Test
    void readinessReportsTheOutbox() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'telemetry-outbox' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
