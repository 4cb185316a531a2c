package dev.drover.hub.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.hub.account.service.AccountService;
import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.WsClient;
import dev.drover.protocol.daemon.StreamFrames;
import dev.drover.protocol.terminal.TerminalFrames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class TerminalSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accounts;

    @Test
    void viewerGetsOutputWithOffsetsAndDrivesCreditInputAndResize() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, "?from=7"), admin);

            JsonNode attached = JSON.readTree(viewer.nextText());
            assertThat(attached.path("type").asText()).isEqualTo("attached");
            assertThat(attached.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(attached.path("from").asLong()).isEqualTo(7);
            assertThat(attached.path("window").asLong()).isEqualTo(1048576);
            assertThat(attached.path("readOnly").asBoolean()).isFalse();

            JsonNode open = daemon.expect("open-stream");
            long streamId = open.path("streamId").asLong();
            assertThat(open.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(open.path("from").asLong()).isEqualTo(7);
            assertThat(open.path("window").asLong()).isEqualTo(1048576);

            byte[] output = "hello".getBytes(StandardCharsets.UTF_8);
            daemon.socket.sendBinary(StreamFrames.data(streamId, 7, output, 0, output.length));
            byte[] frame = viewer.nextBinary();
            assertThat(TerminalFrames.offset(frame)).isEqualTo(7);
            assertThat(new String(Arrays.copyOfRange(frame, TerminalFrames.HEADER, frame.length), StandardCharsets.UTF_8))
                    .isEqualTo("hello");

            viewer.sendText("{\"type\":\"ack\",\"bytes\":5}");
            viewer.sendText("{\"type\":\"ack\",\"bytes\":262144}");
            JsonNode credit = daemon.expect("credit");
            assertThat(credit.path("streamId").asLong()).as("acks are passed on once a quarter of the window is in")
                    .isEqualTo(streamId);
            assertThat(credit.path("bytes").asLong()).isEqualTo(262149);

            viewer.sendBinary("ls\r".getBytes(StandardCharsets.UTF_8));
            StreamFrames.Input input = StreamFrames.readInput(daemon.socket.nextBinary());
            assertThat(input.sessionId()).isEqualTo(UUID.fromString(sessionId));
            assertThat(StandardCharsets.UTF_8.decode(input.bytes()).toString()).isEqualTo("ls\r");

            viewer.sendText("{\"type\":\"resize\",\"cols\":132,\"rows\":43}");
            JsonNode resize = daemon.expect("resize");
            assertThat(resize.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(resize.path("cols").asInt()).isEqualTo(132);
            assertThat(resize.path("rows").asInt()).isEqualTo(43);

            viewer.sendText("{not json");
            assertThat(viewer.awaitClose()).isEqualTo(1007);
            assertThat(daemon.expect("close-stream").path("streamId").asLong()).isEqualTo(streamId);
            assertThat(given().auth().oauth2(admin).get("/api/v1/sessions/" + sessionId).<String>path("state"))
                    .isEqualTo("running");
        }
    }

    @Test
    void screenAttachForwardsTheSnapshotWithWhereItsScreenAndTheLogBeginThenOutputFromItsOffset() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, "?from=screen"), admin);
            assertThat(JSON.readTree(viewer.nextText()).path("from").asLong()).isEqualTo(-1);
            JsonNode open = daemon.expect("open-stream");
            assertThat(open.path("screen").asBoolean()).isTrue();
            long streamId = open.path("streamId").asLong();

            String repaint = Base64.getEncoder().encodeToString("\u001b[2J\u001b[Hhi".getBytes(StandardCharsets.UTF_8));
            daemon.send(Map.of("type", "screen", "streamId", streamId, "offset", 4242, "cols", 80, "rows", 24,
                    "data", repaint, "screenAt", 4, "logStart", 1024));
            JsonNode screen = JSON.readTree(viewer.nextText());
            assertThat(screen.path("type").asText()).isEqualTo("screen");
            assertThat(screen.path("offset").asLong()).isEqualTo(4242);
            assertThat(screen.path("cols").asInt()).isEqualTo(80);
            assertThat(screen.path("rows").asInt()).isEqualTo(24);
            assertThat(screen.path("data").asText()).isEqualTo(repaint);
            assertThat(screen.path("screenAt").asInt()).isEqualTo(4);
            assertThat(screen.path("logStart").asLong()).isEqualTo(1024);

            byte[] output = "live".getBytes(StandardCharsets.UTF_8);
            daemon.socket.sendBinary(StreamFrames.data(streamId, 4242, output, 0, output.length));
            assertThat(TerminalFrames.offset(viewer.nextBinary())).isEqualTo(4242);
        }
    }

    @Test
    void acksArePassedOnAtOnceWhenTheDaemonHasUsedHalfItsWindow() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), admin);
            viewer.nextText();
            long streamId = daemon.expect("open-stream").path("streamId").asLong();
            byte[] output = new byte[60_000];
            for (int i = 0; i < 9; i++) {
                daemon.socket.sendBinary(StreamFrames.data(streamId, (long) i * output.length, output, 0, output.length));
                assertThat(TerminalFrames.offset(viewer.nextBinary())).isEqualTo((long) i * output.length);
            }
            viewer.sendText("{\"type\":\"ack\",\"bytes\":5}");
            JsonNode credit = daemon.expect("credit");
            assertThat(credit.path("streamId").asLong()).isEqualTo(streamId);
            assertThat(credit.path("bytes").asLong()).as("540,000 of the 1 MiB window in flight").isEqualTo(5);
        }
    }

    @Test
    void startThatIsNeitherAnOffsetNorScreenCloses1007() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            for (String from : List.of("?from=-3", "?from=top")) {
                assertThat(WsClient.connect(terminal(sessionId, from), admin).awaitClose()).as(from).isEqualTo(1007);
            }
        }
    }

    @Test
    void sessionExitSendsExitThenCloses1000() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), admin);
            assertThat(JSON.readTree(viewer.nextText()).path("from").asLong()).isZero();
            long streamId = daemon.expect("open-stream").path("streamId").asLong();

            daemon.send(Map.of("type", "stream-ended", "streamId", streamId, "end", 1234,
                    "reason", "SESSION_EXITED", "exitCode", 0));
            JsonNode exit = JSON.readTree(viewer.nextText());
            assertThat(exit.path("type").asText()).isEqualTo("exit");
            assertThat(exit.path("exitCode").asInt()).isZero();
            assertThat(exit.path("end").asLong()).isEqualTo(1234);
            assertThat(viewer.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void offsetOutOfRangeCloses4416AndDaemonLossCloses4503() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient tooFar = WsClient.connect(terminal(sessionId, "?from=999999"), admin);
            long streamId = daemon.expect("open-stream").path("streamId").asLong();
            daemon.send(Map.of("type", "stream-ended", "streamId", streamId, "end", 10,
                    "reason", "OFFSET_OUT_OF_RANGE"));
            assertThat(tooFar.awaitClose()).isEqualTo(4416);

            WsClient watching = WsClient.connect(terminal(sessionId, ""), admin);
            daemon.expect("open-stream");
            daemon.close();
            assertThat(watching.awaitClose()).isEqualTo(4503);

            WsClient offline = WsClient.connect(terminal(sessionId, ""), admin);
            assertThat(offline.awaitClose()).isEqualTo(4503);
        }
    }

    @Test
    void readOnlyViewerInputCloses1008() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount viewerAccount = Api.newAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            Api.share(admin, sessionId, viewerAccount.username(), "type");
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), viewerAccount.token());
            assertThat(JSON.readTree(viewer.nextText()).path("readOnly").asBoolean()).isTrue();
            viewer.sendBinary(new byte[] {'x'});
            assertThat(viewer.awaitClose()).isEqualTo(1008);
        }
    }

    /** Regression: a read-only viewer's resize (1×1) was applied to the session's terminal. */
    @Test
    void readOnlyViewerResizeIsRefusedWithAnErrorWhileAnOperatorResizeIsApplied() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount viewerAccount = Api.newAccount(accounts, "viewer");
        Api.NewAccount operatorAccount = Api.newAccount(accounts, "operator");
        String operatorToken = operatorAccount.token();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            Api.share(admin, sessionId, viewerAccount.username(), "view");
            Api.share(admin, sessionId, operatorAccount.username(), "type");
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), viewerAccount.token());
            assertThat(JSON.readTree(viewer.nextText()).path("readOnly").asBoolean()).isTrue();
            daemon.expect("open-stream");
            viewer.sendText("{\"type\":\"resize\",\"cols\":1,\"rows\":1}");
            JsonNode refused = JSON.readTree(viewer.nextText());
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("refused").asText()).isEqualTo("resize");
            assertThat(refused.path("reason").asText()).contains("read-only");

            WsClient operator = WsClient.connect(terminal(sessionId, ""), operatorToken);
            assertThat(JSON.readTree(operator.nextText()).path("readOnly").asBoolean()).isFalse();
            daemon.expect("open-stream");
            operator.sendText("{\"type\":\"resize\",\"cols\":90,\"rows\":20}");
            JsonNode resize = daemon.expect("resize");
            assertThat(resize.path("cols").asInt()).as("the viewer's resize never reached the daemon").isEqualTo(90);
            assertThat(resize.path("rows").asInt()).isEqualTo(20);
            assertThat(viewer.closeCode).as("the viewer's socket stays open").isNotDone();
        }
    }

    /** Regression: a viewer of another size went on showing the session at its own size after another viewer resized it. */
    @Test
    void aResizeIsToldToTheSessionsOtherViewersOnly() throws Exception {
        String admin = Api.adminToken();
        Api.NewAccount viewerAccount = Api.newAccount(accounts, "viewer");
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            String otherSessionId = daemon.spawnRunning(admin);
            Api.share(admin, sessionId, viewerAccount.username(), "view");
            WsClient watcher = WsClient.connect(terminal(sessionId, ""), viewerAccount.token());
            assertThat(JSON.readTree(watcher.nextText()).path("type").asText()).isEqualTo("attached");
            daemon.expect("open-stream");
            WsClient elsewhere = WsClient.connect(terminal(otherSessionId, ""), admin);
            assertThat(JSON.readTree(elsewhere.nextText()).path("type").asText()).isEqualTo("attached");
            daemon.expect("open-stream");
            WsClient resizer = WsClient.connect(terminal(sessionId, ""), admin);
            assertThat(JSON.readTree(resizer.nextText()).path("type").asText()).isEqualTo("attached");
            daemon.expect("open-stream");

            resizer.sendText("{\"type\":\"resize\",\"cols\":77,\"rows\":21}");
            assertThat(daemon.expect("resize").path("cols").asInt()).isEqualTo(77);
            JsonNode resized = JSON.readTree(watcher.nextText());
            assertThat(resized.path("type").asText()).isEqualTo("resized");
            assertThat(resized.path("cols").asInt()).isEqualTo(77);
            assertThat(resized.path("rows").asInt()).isEqualTo(21);

            elsewhere.sendText("{\"type\":\"resize\",\"cols\":50,\"rows\":10}");
            assertThat(daemon.expect("resize").path("sessionId").asText()).isEqualTo(otherSessionId);
            resizer.sendText("{\"type\":\"resize\",\"cols\":78,\"rows\":22}");
            daemon.expect("resize");
            assertThat(JSON.readTree(watcher.nextText()).path("cols").asInt())
                    .as("a resize of another session is not told").isEqualTo(78);
            assertThat(resizer.texts).as("the resizer is not told its own size").isEmpty();
            assertThat(elsewhere.texts).as("nor a viewer of another session").isEmpty();
        }
    }

    /**
     * Regression: a paste over 64 KiB dropped the viewer's connection, and 256 KiB to 4 MiB reached
     * the daemon as one message it could not take. Input now goes in INPUT frames of at most 64 KiB,
     * and the hub reads no more of a viewer's input while the session's input window is full.
     */
    @Test
    void largeInputIsSplitIntoFramesAndHeldBackWhileTheSessionsInputWindowIsFull() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), admin);
            viewer.nextText();
            daemon.expect("open-stream");
            byte[] paste = new byte[300 * 1024];
            for (int i = 0; i < paste.length; i++) {
                paste[i] = (byte) ('a' + i % 26);
            }
            viewer.sendBinary(paste);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < paste.length) {
                byte[] frame = daemon.socket.nextBinary();
                assertThat(frame.length).isLessThanOrEqualTo(65_536);
                StreamFrames.Input input = StreamFrames.readInput(frame);
                assertThat(input.sessionId()).isEqualTo(UUID.fromString(sessionId));
                received.write(input.bytes().array(), input.bytes().arrayOffset() + input.bytes().position(),
                        input.bytes().remaining());
            }
            assertThat(received.toByteArray()).isEqualTo(paste);

            viewer.sendBinary("k".getBytes(StandardCharsets.UTF_8));
            assertThat(daemon.socket.binaries.poll(1, TimeUnit.SECONDS))
                    .as("no input while 300 KiB are in flight (window 64 KiB)").isNull();
            daemon.send(Map.of("type", "input-written", "sessionId", sessionId, "bytes", paste.length));
            StreamFrames.Input keystroke = StreamFrames.readInput(daemon.socket.nextBinary());
            assertThat(StandardCharsets.UTF_8.decode(keystroke.bytes()).toString()).isEqualTo("k");
        }
    }

    /**
     * Regression: the hub paused a viewer's socket only when it handled the message that filled the
     * session's input window, but websockets-next had queued every message read meanwhile, without
     * bound: a flood of 20 MB was read into the hub's memory as fast as the viewer sent it. Now the
     * viewer's writes wait in TCP once the window is full: 48 MiB cannot all be sent.
     */
    @Test
    void aViewerFloodingAFullInputWindowIsNotReadIntoTheHubsMemory() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            WsClient viewer = WsClient.connect(terminal(sessionId, ""), admin);
            viewer.nextText();
            daemon.expect("open-stream");
            byte[] message = new byte[1024 * 1024];
            int messages = 48;
            AtomicInteger sent = new AtomicInteger();
            Thread flood = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < messages; i++) {
                    viewer.sendBinary(message);
                    sent.incrementAndGet();
                }
            });
            flood.join(Duration.ofSeconds(5));
            assertThat(sent.get()).as("messages the hub took while no input was acknowledged").isLessThan(messages);
            while (!flood.join(Duration.ofMillis(100))) {
                daemon.send(Map.of("type", "input-written", "sessionId", sessionId, "bytes", messages * message.length));
            }
            assertThat(sent.get()).as("the rest once the daemon acknowledged").isEqualTo(messages);
            viewer.close();
        }
    }

    /**
     * Regression: the hub handled a daemon's messages one at a time, so a session's output and the
     * acknowledgement of its input waited behind each report before them that writes to the
     * database (a heartbeat, a shell state). During an input flood, whose 20 MB went to disk, such a
     * commit took up to a second, and so did every other session's echo on that host. Here a
     * heartbeat waits for a row lock: the output and the acknowledgement must not wait with it.
     */
    @Test
    void outputAndInputAcknowledgementsDoNotWaitBehindADatabaseWriteOfTheSameDaemon() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of()); Connection db = Api.jdbc()) {
            String typed = daemon.spawnRunning(admin);
            WsClient typist = WsClient.connect(terminal(typed, ""), admin);
            typist.nextText();
            long streamId = daemon.expect("open-stream").path("streamId").asLong();
            String pasted = daemon.spawnRunning(admin);
            WsClient paster = WsClient.connect(terminal(pasted, ""), admin);
            paster.nextText();
            daemon.expect("open-stream");
            paster.sendBinary(new byte[70 * 1024]);
            long inFlight = 0;
            while (inFlight < 70 * 1024) {
                inFlight += StreamFrames.readInput(daemon.socket.nextBinary()).bytes().remaining();
            }
            paster.sendBinary("k".getBytes(StandardCharsets.UTF_8));
            assertThat(daemon.socket.binaries.poll(500, TimeUnit.MILLISECONDS)).as("held back: the window is full").isNull();

            db.setAutoCommit(false);
            try (var lock = db.prepareStatement("select 1 from host where id = ? for update")) {
                lock.setObject(1, host.id());
                lock.executeQuery().close();
            }
            daemon.send(Map.of("type", "heartbeat", "health", FakeDaemon.HEALTH));
            byte[] echo = "echo".getBytes(StandardCharsets.UTF_8);
            daemon.socket.sendBinary(StreamFrames.data(streamId, 0, echo, 0, echo.length));
            daemon.send(Map.of("type", "input-written", "sessionId", pasted, "bytes", inFlight));

            byte[] relayed = typist.binaries.poll(5, TimeUnit.SECONDS);
            assertThat(relayed).as("the other session's output, while the heartbeat waits for the database").isNotNull();
            assertThat(new String(relayed, TerminalFrames.HEADER, relayed.length - TerminalFrames.HEADER,
                    StandardCharsets.UTF_8)).isEqualTo("echo");
            byte[] released = daemon.socket.binaries.poll(5, TimeUnit.SECONDS);
            assertThat(released).as("the input acknowledged while the heartbeat waits for the database").isNotNull();
            assertThat(StandardCharsets.UTF_8.decode(StreamFrames.readInput(released).bytes()).toString()).isEqualTo("k");
            db.rollback();
        }
    }

    /** Regression: a message over 4 MiB was closed with 1011 (internal error), one over 256 KiB dropped silently. */
    @Test
    void anInputMessageOverTheLimitCloses1009WithAReason() throws Exception {
        String admin = Api.adminToken();
        Api.Enrolled host = Api.enrolledHost(admin, "host-" + UUID.randomUUID());
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            String sessionId = daemon.spawnRunning(admin);
            for (int size : new int[] {1024 * 1024 + 1, 5 * 1024 * 1024}) {
                WsClient viewer = WsClient.connect(terminal(sessionId, ""), admin);
                viewer.nextText();
                daemon.expect("open-stream");
                try {
                    viewer.sendBinaryFragments(new byte[size / 2], new byte[size - size / 2]);
                } catch (CompletionException closedMeanwhile) {
                    // the hub may close before the whole message is written
                }
                assertThat(viewer.awaitClose()).as("close code for %d bytes", size).isEqualTo(1009);
                assertThat(viewer.closeReason).as("reason for %d bytes", size).isNotBlank();
                daemon.expect("close-stream");
            }
            assertThat(daemon.socket.binaries).as("nothing of it reached the daemon").isEmpty();
        }
    }

    @Test
    void upgradeIsRefusedWithoutLoginAndForUnknownSessions() {
        String sessionId = UUID.randomUUID().toString();
        assertThat(WsClient.refusedStatus(terminal(sessionId, ""), null)).isEqualTo(401);
        assertThat(WsClient.refusedStatus(terminal(sessionId, ""), Api.adminToken())).isEqualTo(404);
    }

    private URI terminal(String sessionId, String query) {
        return WsClient.ws(base, "/api/v1/sessions/" + sessionId + "/terminal" + query);
    }
}
