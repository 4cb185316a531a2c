package dev.drover.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.function.Predicate;

/** Reading the event socket's JSON messages (docs/api/events.md) in tests. */
public final class LiveMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveMessages() {
    }

    /** The reader's next message that {@code wanted} accepts, skipping others; fails after 10 s. */
    public static JsonNode await(WsClient reader, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = JSON.readTree(reader.nextText());
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no such message within 10 s");
    }
}
