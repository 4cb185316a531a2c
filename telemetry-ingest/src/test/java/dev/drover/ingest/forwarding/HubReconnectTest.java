package dev.drover.ingest.forwarding;

import dev.drover.ingest.Fixtures;
import dev.drover.ingest.TelemetryTokens;
import dev.drover.ingest.TestPorts;
import dev.drover.telemetry.v1.TelemetryEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void eventsAcceptedWhileTheHubIsDownAreDeliveredWhenItComesBack() {
        String session = UUID.randomUUID().toString();
        hub.stop();
        try {
            given().header("Authorization", TelemetryTokens.bearer(session))
                    .contentType("application/json")
                    .body(Fixtures.bytes("claude-http-json/0003-v1_metrics.json"))
                    .post("/v1/metrics")
                    .then().statusCode(200);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> hub.eventsOf(session).isEmpty());
            assertThat(outbox.size()).isPositive();
        } finally {
            hub.start();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> hub.eventsOf(session).size() == 1);
        TelemetryEvent event = hub.eventsOf(session).getFirst();
        assertThat(event.getUsage().getCostNanoUsd()).isEqualTo(11_437_800);
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
    }

    @Test
    void readinessReportsTheOutbox() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'telemetry-outbox' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
