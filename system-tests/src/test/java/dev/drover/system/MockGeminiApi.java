package dev.drover.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The edge of the world for Gemini CLI in tests: the Gemini API on 127.0.0.1. Every streamed
 * {@code :streamGenerateContent} request is recorded and answered with one text part
 * ({@link #REPLY}); {@code :generateContent} (the CLI's model router and summaries) with an object
 * that fits the request's response schema. Anything else is answered with {@code {}}.
 */
final class MockGeminiApi implements AutoCloseable {

    /** One word: the CLI's renderer moves the cursor instead of printing spaces. */
    static final String REPLY = "hello-from-the-mock-gemini";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    MockGeminiApi() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answer(request, body.toString())))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpServerRequest request, String text) {
        String path = request.path();
        String model = path.substring(path.lastIndexOf('/') + 1).replaceFirst(":.*", "");
        try {
            JsonNode body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (path.endsWith(":streamGenerateContent")) {
                requests.add(new Request(body));
                request.response().putHeader("content-type", "text/event-stream")
                        .end("data: " + JSON.writeValueAsString(response(model, REPLY)) + "\r\n\r\n");
            } else if (path.endsWith(":generateContent")) {
                JsonNode schema = body.path("generationConfig").path("responseJsonSchema");
                String answer = schema.isMissingNode() ? REPLY : JSON.writeValueAsString(instance(schema));
                request.response().putHeader("content-type", "application/json")
                        .end(JSON.writeValueAsString(response(model, answer)));
            } else {
                request.response().putHeader("content-type", "application/json").end("{}");
            }
        } catch (Exception e) {
            request.response().setStatusCode(400).end();
        }
    }

    private static Map<String, Object> response(String model, String text) {
        return Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
                        "finishReason", "STOP", "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", 11, "candidatesTokenCount", 6, "totalTokenCount", 17),
                "modelVersion", model);
    }

    /** A value that fits {@code schema}: the first of an enum, else an empty value of its type. */
    private static JsonNode instance(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (schema.path("type").asText().toLowerCase(java.util.Locale.ROOT)) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                schema.path("properties").properties().forEach(p -> object.set(p.getKey(), instance(p.getValue())));
                yield object;
            }
            case "array" -> JSON.createArrayNode();
            case "number", "integer" -> JSON.getNodeFactory().numberNode(0);
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            default -> JSON.getNodeFactory().textNode("mock");
        };
    }

    @Override
    public void close() {
        vertx.close();
    }
}
