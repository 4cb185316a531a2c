package dev.drover.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code drover sessions list|show|stop}: the sessions the token's owner may see, and stopping one. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List, show and stop sessions.",
        subcommands = { SessionsCommand.ListSessions.class, SessionsCommand.ShowSession.class, SessionsCommand.StopSession.class })
public final class SessionsCommand {

    private static final String ROW = "%-36s  %-8s  %-14s  %-16s  %-10s  %-16s  %s%n";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the sessions you may see (your own, those shared with you; every one for an admin), newest first.")
    static final class ListSessions extends HubCommand {

        @Option(names = "--live", description = "Only sessions that are starting or running.")
        boolean live;

        @Option(names = "--host", paramLabel = "HOST", description = "Only sessions on this host (name or id).")
        String host;

        @Option(names = "--profile", paramLabel = "PROFILE", description = "Only sessions of this agent profile (claude, bash, …).")
        String profile;

        @Option(names = "--limit", paramLabel = "N", description = "At most N sessions (1 to 200).")
        Integer limit;

        @Override
        void run(HubClient client, PrintWriter out) throws Exception {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("ended", live ? "exclude" : null);
            query.put("hostId", host == null ? null : hostId(client, host));
            query.put("profile", profile);
            query.put("limit", limit);
            JsonNode sessions = client.call("GET", withQuery("/api/v1/sessions", query), null);
            if (printedAsJson(sessions, out)) {
                return;
            }
            out.printf(ROW, "ID", "STATE", "ACTIVITY", "HOST", "PROFILE", "OWNER", "TASK");
            for (JsonNode session : sessions) {
                out.printf(ROW, session.path("id").asText(), session.path("state").asText(), cell(session.get("activity")),
                        session.path("hostName").asText(), session.path("profile").asText(), session.path("createdBy").asText(),
                        cell(session.get("task")));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one session as JSON.")
    static final class ShowSession extends HubCommand {

        @Parameters(paramLabel = "SESSION", description = "The session's id.")
        String id;

        @Override
        void run(HubClient client, PrintWriter out) throws Exception {
            printJson(client.call("GET", "/api/v1/sessions/" + id, null), out);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a session (gracefully, as its profile says) and print its state.")
    static final class StopSession extends HubCommand {

        @Parameters(paramLabel = "SESSION", description = "The session's id.")
        String id;

        @Override
        void run(HubClient client, PrintWriter out) throws Exception {
            JsonNode session = client.call("POST", "/api/v1/sessions/" + id + "/stop", null);
            if (!printedAsJson(session, out)) {
                out.println(session.path("id").asText() + " " + session.path("state").asText());
            }
        }
    }
}
