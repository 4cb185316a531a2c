package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The edge of the world for Claude Code in tests: Anthropic's Messages API on 127.0.0.1, answering
 * every streamed {@code POST /v1/messages} with one text block ({@link #REPLY}) and recording each
 * request's session id header and body. A prompt containing {@link #TOOL_PROMPT} is answered with a
 * {@code Bash} tool call ({@link #TOOL_COMMAND}), and the tool's result with {@link #AFTER_TOOL}.
 * Anything else is answered with {@code {}}.
 */
final class MockAnthropicApi extends MockModelApi {

    /** One word: Claude Code's renderer moves the cursor instead of printing spaces. */
    static final String REPLY = "hello-from-the-mock-model";
    /** A prompt containing this asks for {@link #TOOL_COMMAND}. */
    static final String TOOL_PROMPT = "please_use_a_tool";
    static final String TOOL_COMMAND = "touch mock_tool_was_here.txt && ls";
    /** The answer once the tool ran. */
    static final String AFTER_TOOL = "done-after-the-tool";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request to the Messages API: Claude Code's session id header and the request body. */
    record Request(String sessionId, JsonNode body) {

        /** The text of every user message, oldest first. */
        List<String> userTexts() {
            List<String> texts = new java.util.ArrayList<>();
            for (JsonNode message : body.path("messages")) {
                if (!"user".equals(message.path("role").asText())) {
                    continue;
                }
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    texts.add(content.asText());
                }
                for (JsonNode block : content) {
                    if ("text".equals(block.path("type").asText())) {
                        texts.add(block.path("text").asText());
                    }
                }
            }
            return texts;
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong toolAskedAt = new AtomicLong();

    MockAnthropicApi() throws Exception {
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** When ({@link System#nanoTime()}) the last tool call was sent; 0 before the first. */
    long toolAskedAt() {
        return toolAskedAt.get();
    }

    @Override
    protected void answer(HttpServerRequest request, String body) {
        if (!request.path().equals("/v1/messages")) {
            request.response().putHeader("content-type", "application/json").end("{}");
            return;
        }
        Request asked;
        try {
            asked = new Request(request.getHeader("X-Claude-Code-Session-Id"), JSON.readTree(body));
        } catch (Exception e) {
            request.response().setStatusCode(400).end();
            return;
        }
        requests.add(asked);
        JsonNode last = asked.body().path("messages").path(asked.body().path("messages").size() - 1);
        boolean toolResult = false;
        for (JsonNode block : last.path("content")) {
            toolResult |= "tool_result".equals(block.path("type").asText());
        }
        boolean offersBash = asked.body().path("tools").findValuesAsText("name").contains("Bash");
        boolean wantsTool = offersBash && !toolResult && !asked.userTexts().isEmpty()
                && asked.userTexts().getLast().contains(TOOL_PROMPT);
        StringBuilder stream = new StringBuilder();
        event(stream, "message_start", Map.of("type", "message_start", "message", Map.of("id", "msg_mock", "type", "message",
                "role", "assistant", "model", "claude-sonnet-4-5", "content", List.of(),
                "usage", Map.of("input_tokens", 11, "output_tokens", 1))));
        if (wantsTool) {
            event(stream, "content_block_start", Map.of("type", "content_block_start", "index", 0,
                    "content_block", Map.of("type", "tool_use", "id", "toolu_mock_" + requests.size(), "name", "Bash",
                            "input", Map.of())));
            event(stream, "content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                    "delta", Map.of("type", "input_json_delta", "partial_json",
                            "{\"command\": \"" + TOOL_COMMAND + "\", \"description\": \"Create a marker file and list files\"}")));
        } else {
            event(stream, "content_block_start", Map.of("type", "content_block_start", "index", 0,
                    "content_block", Map.of("type", "text", "text", "")));
            event(stream, "content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                    "delta", Map.of("type", "text_delta", "text", toolResult ? AFTER_TOOL : REPLY)));
        }
        event(stream, "content_block_stop", Map.of("type", "content_block_stop", "index", 0));
        event(stream, "message_delta", Map.of("type", "message_delta", "delta", Map.of("stop_reason",
                        wantsTool ? "tool_use" : "end_turn"),
                "usage", Map.of("output_tokens", 6)));
        if (wantsTool) {
            toolAskedAt.set(System.nanoTime());
        }
        event(stream, "message_stop", Map.of("type", "message_stop"));
        request.response().putHeader("content-type", "text/event-stream").putHeader("request-id", "req_mock")
                .end(stream.toString());
    }

    private static void event(StringBuilder stream, String name, Map<String, Object> data) {
        try {
            stream.append("event: ").append(name).append("\ndata: ").append(JSON.writeValueAsString(data)).append("\n\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
