package dev.drover.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * A command that talks to a running hub as the owner of the API token in {@code DROVER_TOKEN}.
 * What the hub refuses becomes a {@link CliFailure} with the hub's reason.
 */
abstract class HubCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    HubOptions hub;

    @Option(names = "--json", description = "Print the hub's answer as JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        HubClient client = hub.client();
        try {
            run(client, spec.commandLine().getOut());
        } catch (HubClient.HubException e) {
            throw CliFailure.of(e, hub.hub.toString());
        }
        return 0;
    }

    /** Does the command's calls and prints what they answered. */
    abstract void run(HubClient client, PrintWriter out) throws Exception;

    /** Prints {@code answer} as JSON when {@code --json} was given; else leaves it to the command. */
    boolean printedAsJson(JsonNode answer, PrintWriter out) throws Exception {
        if (json) {
            printJson(answer, out);
        }
        return json;
    }

    static void printJson(JsonNode answer, PrintWriter out) throws Exception {
        out.println(JSON.writeValueAsString(answer));
    }

    /** {@code path} with the query parameters that have a value. */
    static String withQuery(String path, Map<String, Object> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    /** The id of the host named (or with the id) {@code nameOrId}. */
    static String hostId(HubClient client, String nameOrId) {
        for (JsonNode host : client.hosts()) {
            if (nameOrId.equals(host.path("name").asText()) || nameOrId.equals(host.path("id").asText())) {
                return host.path("id").asText();
            }
        }
        throw new CliFailure(CliFailure.HUB, "no host named " + nameOrId + "; drover hosts lists them");
    }

    /** A text cell: the value, or {@code -} when there is none. */
    static String cell(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
