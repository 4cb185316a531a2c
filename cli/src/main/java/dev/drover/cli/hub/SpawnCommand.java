package dev.drover.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code drover spawn}: starts a session on a host and prints its id. */
@Command(name = "spawn", mixinStandardHelpOptions = true,
        description = "Start a session on a host and print its id (with --json, the whole session).")
public final class SpawnCommand extends HubCommand {

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "The host to run it on (name or id).")
    String host;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "The agent profile (claude, gemini, codex, bash, …; default: command when a command is given, else bash).")
    String profile;

    @Option(names = "--cwd", paramLabel = "DIR", description = "The directory (project) it starts in, on the host.")
    String cwd;

    @Option(names = "--worktree", negatable = true,
            description = "Run it in a git worktree of the project on a branch of its own (default: when another live session works in the project).")
    Boolean worktree;

    @Option(names = "--task", paramLabel = "TEXT", description = "What the session is for.")
    String task;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Typed as the agent's first message.")
    String prompt;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "For the command profile: the program and its arguments (after --).")
    List<String> command;

    @Override
    void run(HubClient client, PrintWriter out) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostId", hostId(client, host));
        put(body, "profile", profile);
        put(body, "cwd", cwd);
        put(body, "worktree", worktree);
        put(body, "task", task);
        put(body, "prompt", prompt);
        put(body, "command", command == null || command.isEmpty() ? null : command);
        JsonNode session = client.call("POST", "/api/v1/sessions", body);
        if (!printedAsJson(session, out)) {
            out.println(session.path("id").asText());
        }
    }

    private static void put(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
