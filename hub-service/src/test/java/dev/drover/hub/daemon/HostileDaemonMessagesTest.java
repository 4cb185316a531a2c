package dev.drover.hub.daemon;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.FakeDaemon;
import dev.drover.hub.support.TestDatabase;
import dev.drover.protocol.daemon.DaemonReports;
import dev.drover.protocol.daemon.HostileMessages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's end of the daemon socket against hostile daemons: text and binary frames from the
 * protocol's fuzzing generators. Each is applied or refused with close code 1007, never an internal error (1011 or an
 * error in the log), and the hub answers afterwards.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HostileDaemonMessagesTest {

    /** The end of every probe: a message no daemon sends, which the hub always refuses with 1007. */
    private static final String SENTINEL = "{\"type\":\"no-such-message\"}";
    private static final int FUZZED = 40;
    /** A second hello with another protocol version is refused as such (4400), as on a new connection. */
    private static final int WRONG_PROTOCOL = 4400;

    @TestHTTPResource("/")
    URI base;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler errorLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Api.Enrolled host;

    @BeforeEach
    void enrol() {
        host = Api.enrolledHost(Api.adminToken(), "hostile-" + UUID.randomUUID());
        Logger.getLogger("").addHandler(errorLog);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(errorLog);
    }

    @Test
    void fuzzedTextIsAppliedOrRefusedWith1007() throws Exception {
        for (String text : HostileMessages.texts().sampleStream().limit(FUZZED).toList()) {
            probe(text);
        }
    }

    @Test
    void fuzzedBinaryFramesAreAppliedOrRefusedWith1007() throws Exception {
        for (byte[] frame : HostileMessages.frames().sampleStream().limit(FUZZED).toList()) {
            try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
                daemon.socket.sendBinary(frame);
                daemon.socket.sendText(SENTINEL);
                assertRefusedCleanly(daemon, "binary frame of " + frame.length + " bytes " + java.util.Arrays.toString(frame));
            }
        }
    }

    /**
     * Every message a daemon sends with one of its values (at any depth) null, each on a fresh connection: the hub
     * applies it or refuses it with 1007 and a short reason, never an internal error, an invalid close frame or an
     * exception's text.
     */
    @Test
    void everyDaemonMessageWithAValueNulledIsAppliedOrRefusedWith1007() throws Exception {
        for (String text : DaemonReports.withOneValueNulled()) {
            try (FakeDaemon daemon = FakeDaemon.connectSilent(base, host, List.of())) {
                daemon.socket.sendText(text);
                daemon.socket.sendText(SENTINEL);
                assertRefusedCleanly(daemon, text);
            }
        }
    }

    /** Sends {@code text} on a fresh daemon connection, then the sentinel, and checks how the socket ended. */
    private void probe(String text) throws Exception {
        try (FakeDaemon daemon = FakeDaemon.connect(base, host, List.of())) {
            daemon.socket.sendText(text);
            daemon.socket.sendText(SENTINEL);
            assertRefusedCleanly(daemon, text);
        }
    }

    private void assertRefusedCleanly(FakeDaemon daemon, String sent) throws Exception {
        int refusal = sent.startsWith("{\"type\":\"hello\"") ? WRONG_PROTOCOL : 1007;
        assertThat(daemon.socket.awaitClose()).as("close code after %s (reason %s)", sent, daemon.socket.closeReason)
                .isIn(1007, refusal);
        assertThat(daemon.socket.closeReason).as("close reason after %s", sent)
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("dev.drover")
                .doesNotContain("\n");
        assertThat(errors).as("errors logged after %s", sent)
                .extracting(record -> record.getLoggerName() + ": " + record.getMessage())
                .isEmpty();
        given().get("/q/health/ready").then().statusCode(200);
    }
}
