package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge of the world for Gemini CLI in tests: the Gemini API on 127.0.0.1. Every
 * {@code generateContent} (the CLI's router and summaries: a JSON answer fitting the request's schema) and
 * {@code streamGenerateContent} (one text chunk, {@link #REPLY}) is answered with the same usage, that of the
 * recorded fixtures: a prompt of {@link #PROMPT_TOKENS} tokens of which {@link #CACHED_TOKENS} cached,
 * {@link #CANDIDATE_TOKENS} candidate and {@link #THOUGHT_TOKENS} thought tokens. Each answer is recorded with the
 * model it was for and when it was sent, and each streamed request's body (the conversation) is kept.
 * A streamed request whose last user text contains {@link #TOOL_PROMPT} is answered with a
 * {@code run_shell_command} call of {@link #TOOL_COMMAND}, and the call's result with {@link #AFTER_TOOL}.
 */
final class MockGeminiApi extends MockModelApi {

    static final String REPLY = "hello-from-the-mock-gemini";
    /** A prompt containing this asks to run {@link #TOOL_COMMAND}. */
    static final String TOOL_PROMPT = "please_use_a_tool";
    static final String TOOL_COMMAND = "touch mock_tool_was_here.txt && ls";
    /** The answer once the command ran. */
    static final String AFTER_TOOL = "done-after-the-tool";
    static final long PROMPT_TOKENS = 1111;
    static final long CACHED_TOKENS = 444;
    static final long CANDIDATE_TOKENS = 222;
    static final long THOUGHT_TOKENS = 55;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODEL_CALL = Pattern.compile("/v1beta/models/([^:/]+):(generateContent|streamGenerateContent)");

    /** An answered model request: the model, whether it was streamed, and when the answer was sent (nanoTime). */
    record Answer(String model, boolean streamed, long sentAtNanos) {
    }

    /** One streamed request's body. */
    record Request(JsonNode body) {

        /** The text of every user turn, oldest first. */
        List<String> userTexts() {
            List<String> texts = new java.util.ArrayList<>();
            for (JsonNode content : body.path("contents")) {
                if ("user".equals(content.path("role").asText())) {
                    content.path("parts").forEach(part -> {
                        if (part.has("text")) {
                            texts.add(part.path("text").asText());
                        }
                    });
                }
            }
            return texts;
        }
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    MockGeminiApi() throws Exception {
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    protected void answer(HttpServerRequest request, String body) {
        Matcher call = MODEL_CALL.matcher(request.path());
        if (!call.matches()) {
            request.response().putHeader("content-type", "application/json").end("{}");
            return;
        }
        String model = call.group(1);
        boolean streamed = call.group(2).equals("streamGenerateContent");
        String text;
        Map<String, Object> part;
        try {
            JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            if (streamed) {
                requests.add(new Request(json));
            }
            JsonNode schema = json.path("generationConfig");
            schema = schema.has("responseJsonSchema") ? schema.path("responseJsonSchema") : schema.path("responseSchema");
            text = streamed || schema.isMissingNode() ? REPLY : JSON.writeValueAsString(fitting(schema));
            part = streamed ? streamedPart(new Request(json)) : Map.of("text", text);
        } catch (Exception e) {
            request.response().setStatusCode(400).end();
            return;
        }
        ObjectNode response = JSON.valueToTree(Map.of(
                "candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(part)),
                        "finishReason", "STOP", "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", PROMPT_TOKENS, "candidatesTokenCount", CANDIDATE_TOKENS,
                        "totalTokenCount", PROMPT_TOKENS + CANDIDATE_TOKENS + THOUGHT_TOKENS,
                        "cachedContentTokenCount", CACHED_TOKENS, "thoughtsTokenCount", THOUGHT_TOKENS),
                "modelVersion", model));
        answers.add(new Answer(model, streamed, System.nanoTime()));
        if (streamed) {
            request.response().putHeader("content-type", "text/event-stream").end("data: " + response + "\r\n\r\n");
        } else {
            request.response().putHeader("content-type", "application/json").end(response.toString());
        }
    }

    /** The part a streamed answer carries: the tool call the prompt asks for, what follows its result, or {@link #REPLY}. */
    private static Map<String, Object> streamedPart(Request request) {
        JsonNode contents = request.body().path("contents");
        JsonNode last = contents.path(contents.size() - 1);
        boolean toolResult = last.path("parts").findValue("functionResponse") != null;
        if (toolResult) {
            return Map.of("text", AFTER_TOOL);
        }
        List<String> texts = request.userTexts();
        if (!texts.isEmpty() && texts.getLast().contains(TOOL_PROMPT)) {
            return Map.of("functionCall", Map.of("name", "run_shell_command",
                    "args", Map.of("command", TOOL_COMMAND, "description", "Create a marker file and list files")));
        }
        return Map.of("text", REPLY);
    }

    /** A value the JSON schema accepts: every property of an object, the first of an enum, empty or zero otherwise. */
    private static JsonNode fitting(JsonNode schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (schema.path("type").asText("object").toLowerCase(java.util.Locale.ROOT)) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                schema.path("properties").properties().forEach(p -> object.set(p.getKey(), fitting(p.getValue())));
                yield object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                yield array;
            }
            case "number", "integer" -> nodes.numberNode(0);
            case "boolean" -> nodes.booleanNode(false);
            default -> nodes.textNode("mock");
        };
    }
}
