package dev.drover.hub.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.LiveMessages;
import dev.drover.hub.support.WsClient;
import dev.drover.protocol.daemon.StreamFrames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

/**
 * A session belongs to who started it (ADR 0028): another operator neither finds it (404 on every
 * path and on its terminal), nor lists it, nor hears of it on the event socket, until its owner
 * shares it, to watch or to type; taking the share back closes their terminal and removes it from
 * their pages. Real WebSockets, a fake daemon and PostgreSQL.
 */
@QuarkusTest
class SessionSharingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void anotherOperatorFindsNothingOfASessionUntilItIsSharedAndLosesItWhenUnshared() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount owner = Api.newAccount(accounts, "operator");
        Api.NewAccount other = Api.newAccount(accounts, "operator");
        Api.Enrolled host = Api.enrolledHost(admin, "share-host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            WsClient otherEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), other.token());
            assertThat(JSON.readTree(otherEvents.nextText()).path("type").asText()).isEqualTo("hello");
            WsClient ownerEvents = WsClient.connect(WsClient.ws(base, "/api/v1/events"), owner.token());
            assertThat(JSON.readTree(ownerEvents.nextText()).path("type").asText()).isEqualTo("hello");

            String id = daemon.spawnRunning(owner.token());
            String path = "/api/v1/sessions/" + id;
            LiveMessages.await(ownerEvents, message -> message.path("session").path("id").asText().equals(id));
            for (String hidden : List.of(path, path + "/activity", path + "/shares")) {
                given().auth().oauth2(other.token()).get(hidden).then().statusCode(404);
            }
            given().auth().oauth2(other.token()).post(path + "/stop").then().statusCode(404);
            given().auth().oauth2(other.token()).contentType(ContentType.JSON).body(Map.of("task", "mine"))
                    .patch(path).then().statusCode(404);
            given().auth().oauth2(other.token()).contentType(ContentType.JSON).body(Map.of("access", "type"))
                    .put(path + "/shares/" + other.username()).then().statusCode(404);
            assertThat(given().auth().oauth2(other.token()).get("/api/v1/sessions?hostId=" + host.id())
                    .jsonPath().getList("id", String.class)).isEmpty();
            assertThat(given().auth().oauth2(other.token()).get("/api/v1/sessions/facets")
                    .jsonPath().getList("creators", String.class)).doesNotContain(owner.username());
            assertThat(WsClient.refusedStatus(terminal(id), other.token())).isEqualTo(404);

            given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("task", "pairing"))
                    .patch(path).then().statusCode(200);
            LiveMessages.await(ownerEvents, message -> message.path("session").path("task").asText().equals("pairing"));
            assertThat(otherEvents.texts.stream().map(SessionSharingTest::json)
                    .filter(message -> message.path("session").path("id").asText().equals(id)).toList())
                    .as("the event socket told the other operator nothing of the session").isEmpty();

            Api.share(owner.token(), id, other.username(), "view");
            JsonNode arrived = LiveMessages.await(otherEvents,
                    message -> message.path("session").path("id").asText().equals(id));
            assertThat(arrived.path("created").asBoolean()).as("new to them: their list fetches it").isTrue();
            given().auth().oauth2(other.token()).get(path).then().statusCode(200);
            given().auth().oauth2(other.token()).get(path + "/shares").then().statusCode(200)
                    .body("username", contains(other.username()))
                    .body("access", contains("view"))
                    .body("grantedBy", contains(owner.username()));
            given().auth().oauth2(other.token()).post(path + "/stop").then().statusCode(403);
            given().auth().oauth2(other.token()).contentType(ContentType.JSON).body(Map.of("access", "type"))
                    .put(path + "/shares/" + other.username()).then().statusCode(403);
            WsClient watching = WsClient.connect(terminal(id), other.token());
            assertThat(JSON.readTree(watching.nextText()).path("readOnly").asBoolean()).isTrue();
            daemon.expect("open-stream");

            Api.share(owner.token(), id, other.username(), "type");
            assertThat(watching.awaitClose()).as("a changed share closes the terminal").isEqualTo(1008);
            assertThat(watching.closeReason).isEqualTo("sharing changed; open the terminal again");
            WsClient typing = WsClient.connect(terminal(id), other.token());
            assertThat(JSON.readTree(typing.nextText()).path("readOnly").asBoolean()).isFalse();
            nextOfType(daemon, "open-stream");
            typing.sendBinary("ls\r".getBytes(StandardCharsets.UTF_8));
            StreamFrames.Input input = StreamFrames.readInput(daemon.socket.nextBinary());
            assertThat(input.sessionId()).isEqualTo(UUID.fromString(id));

            given().auth().oauth2(owner.token()).delete(path + "/shares/" + other.username()).then().statusCode(204);
            assertThat(typing.awaitClose()).isEqualTo(1008);
            assertThat(typing.closeReason).isEqualTo("no longer shared with you");
            LiveMessages.await(otherEvents, message -> message.path("type").asText().equals("session-removed")
                    && message.path("id").asText().equals(id));
            given().auth().oauth2(other.token()).get(path).then().statusCode(404);
            given().auth().oauth2(owner.token()).delete(path + "/shares/" + other.username()).then().statusCode(404);
            given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("access", "view"))
                    .put(path + "/shares/nobody-" + UUID.randomUUID()).then().statusCode(404);
            given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("access", "view"))
                    .put(path + "/shares/" + owner.username()).then().statusCode(409);
            given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("access", "admin"))
                    .put(path + "/shares/" + other.username()).then().statusCode(400);
            otherEvents.close();
            ownerEvents.close();
        }
    }

    /** The daemon's next message of {@code type}, skipping others (a closed viewer's close-stream). */
    private static JsonNode nextOfType(FakeDaemon daemon, String type) throws Exception {
        for (int i = 0; i < 10; i++) {
            JsonNode message = daemon.next();
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " among the daemon's next 10 messages");
    }

    private URI terminal(String id) {
        return WsClient.ws(base, "/api/v1/sessions/" + id + "/terminal");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
