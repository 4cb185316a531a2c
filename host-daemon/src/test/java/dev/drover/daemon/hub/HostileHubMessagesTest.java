package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.protocol.daemon.DaemonMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon's end of the hub socket against messages the protocol's fuzzing found to crash its
 * handler: each is refused with close code 1007, and the daemon reconnects and says hello again.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeHubResource.class, restrictToAnnotatedClass = true)
class HostileHubMessagesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    HubLink link;

    @BeforeEach
    void connected() throws InterruptedException {
        Eventually.await(TIMEOUT, link::connected);
        FakeHub.closes.clear();
        FakeHub.closeReasons.clear();
    }

    @Test
    void nullInsteadOfAMessageIsRefusedWith1007() throws Exception {
        assertRefusedAndReconnected("null");
    }

    @Test
    void aStopWithoutItsSessionIdIsRefusedWith1007() throws Exception {
        assertRefusedAndReconnected("{\"type\":\"stop\",\"reason\":\"x\"}");
    }

    @Test
    void aResizeWithANullSessionIdIsRefusedWith1007() throws Exception {
        assertRefusedAndReconnected("{\"type\":\"resize\",\"sessionId\":null,\"cols\":80,\"rows\":24}");
    }

    /**
     * The decoder's message quotes the unknown type; cut to 120 characters of which many take two bytes, it made a
     * close frame over the 123 bytes a reason may have. The reason is now a fixed text.
     */
    @Test
    void anUnknownTypeOfWideCharactersIsRefusedWith1007AndAShortReason() throws Exception {
        assertRefusedAndReconnected("{\"type\":\"" + "\u00e9".repeat(200) + "\"}");
        assertThat(FakeHub.closeReasons).containsExactly("not a message from the hub");
    }

    private void assertRefusedAndReconnected(String text) throws Exception {
        long hellos = FakeHub.received.stream().filter(DaemonMessage.Hello.class::isInstance).count();
        FakeHub.connection.sendTextAndAwait(text);
        Eventually.await(TIMEOUT, () -> !FakeHub.closes.isEmpty());
        assertThat(FakeHub.closes).containsExactly(1007);
        Eventually.await(TIMEOUT, () -> FakeHub.received.stream().filter(DaemonMessage.Hello.class::isInstance).count() > hellos);
        Eventually.await(TIMEOUT, link::connected);
    }
}
