package dev.drover.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code drover prompt}: types a prompt into sessions' agents, each when its agent is idle, and
 * prints the prompt's id and where each delivery stands.
 */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = "Send a prompt to sessions' agents; each gets it once its agent is idle.")
public final class PromptCommand extends HubCommand {

    @Option(names = "--session", required = true, paramLabel = "SESSION", description = "A session to send it to (repeat for more).")
    List<String> sessions;

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long each delivery waits for its agent to be idle (default: the hub's, 5 min).")
    Integer waitSeconds;

    @Parameters(paramLabel = "TEXT", description = "The prompt; - reads it from standard input.")
    String text;

    @Override
    void run(HubClient client, PrintWriter out) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : text);
        body.put("sessionIds", sessions);
        if (waitSeconds != null) {
            body.put("waitSeconds", waitSeconds);
        }
        JsonNode prompt = client.call("POST", "/api/v1/prompts", body);
        if (printedAsJson(prompt, out)) {
            return;
        }
        out.println(prompt.path("id").asText());
        for (JsonNode delivery : prompt.path("deliveries")) {
            out.println("  " + delivery.path("sessionId").asText() + " " + delivery.path("status").asText());
        }
    }
}
