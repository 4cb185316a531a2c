package dev.drover.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code drover hosts}: the hosts sessions can run on, and which are online. */
@Command(name = "hosts", mixinStandardHelpOptions = true, description = "List the hosts and whether each is online.")
public final class HostsCommand extends HubCommand {

    @Override
    void run(HubClient client, PrintWriter out) throws Exception {
        JsonNode hosts = client.hosts();
        if (printedAsJson(hosts, out)) {
            return;
        }
        out.printf("%-36s  %-7s  %s%n", "ID", "ONLINE", "NAME");
        for (JsonNode host : hosts) {
            out.printf("%-36s  %-7s  %s%n", host.path("id").asText(), host.path("online").asBoolean() ? "yes" : "no",
                    host.path("name").asText());
        }
    }
}
