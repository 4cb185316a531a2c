package dev.drover.hub.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.telemetry.v1.MutinyTelemetryStreamGrpc;
import dev.drover.telemetry.v1.TelemetryEvent;
import dev.drover.telemetry.v1.UsageDelta;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/** What the budget tests share: accounts with known names, spawns with budgets, usage as the ingest sends it. */
final class BudgetSupport implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;

    BudgetSupport(URI base) {
        channel = NettyChannelBuilder.forAddress(base.getHost(), base.getPort()).usePlaintext().build();
    }

    /** A new account of {@code role}: its name and login token. */
    record Person(String name, String token) {
    }

    static Person person(AccountService accounts, String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> accounts.create(name, password, Set.of(role)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return new Person(name, Api.login(name, password));
    }

    /** Posts a spawn of bash on {@code hostId} with {@code extra} fields (a budget, a cwd), on another thread. */
    static CompletableFuture<ExtractableResponse<Response>> spawnAsync(String token, UUID hostId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("hostId", hostId, "profile", "bash"));
        body.putAll(extra);
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/sessions")
                .then().extract());
    }

    /** Spawns with {@code extra} and answers as the daemon; the running session's id. */
    static String spawnRunning(FakeDaemon daemon, String token, Map<String, Object> extra) throws Exception {
        CompletableFuture<ExtractableResponse<Response>> spawn = spawnAsync(token, daemon.hostId, extra);
        JsonNode request = daemon.expect("spawn");
        daemon.send(Map.of("type", "spawned", "requestId", request.path("requestId").asText(),
                "sessionId", request.path("sessionId").asText(), "pid", 1));
        ExtractableResponse<Response> created = spawn.get(10, TimeUnit.SECONDS);
        if (created.statusCode() != 201) {
            throw new AssertionError("spawn answered " + created.statusCode() + ": " + created.asString());
        }
        return created.path("id");
    }

    /** Sends one usage delta of the session, observed now, as the ingest does, and waits for its acknowledgement. */
    void usage(String sessionId, long tokens, long costNanoUsd) {
        Metadata secret = new Metadata();
        secret.put(AUTHORIZATION, "Bearer test-ingest-secret");
        Instant now = Instant.now();
        TelemetryEvent event = TelemetryEvent.newBuilder()
                .setEventId("budget-" + UUID.randomUUID())
                .setSessionId(sessionId)
                .setObservedAtUnixNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .setUsage(UsageDelta.newBuilder()
                        .setModel("claude-sonnet-4")
                        .setInputTokens(tokens)
                        .setCostNanoUsd(costNanoUsd)
                        .setSource("claude_code.token.usage"))
                .build();
        MutinyTelemetryStreamGrpc.newMutinyStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(secret))
                .publish(Multi.createFrom().item(event))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
