package dev.drover.cli.hub;

import dev.drover.cli.stack.HubClient;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the hub is and how to sign in to it, for the commands that talk to a running hub: the hub's
 * URL ({@code --hub} or {@code DROVER_HUB}), the CA to trust for an {@code https} hub
 * ({@code --ca-file} or {@code DROVER_HUB_CA}) and a personal API token in {@code DROVER_TOKEN}.
 * The token is read from the environment only, so it stays out of the shell's history and the
 * process list.
 */
public final class HubOptions {

    /** The variable that holds the API token. */
    public static final String TOKEN_VARIABLE = "DROVER_TOKEN";

    @Option(names = "--hub", paramLabel = "URL",
            description = "The hub's URL (default: $DROVER_HUB, else ${DEFAULT-VALUE}).",
            defaultValue = "${env:DROVER_HUB:-http://127.0.0.1:8420}")
    URI hub;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust only this CA (PEM) for an https hub (default: $DROVER_HUB_CA, else the system's trust store).",
            defaultValue = "${env:DROVER_HUB_CA}")
    Path caFile;

    /**
     * A client of the hub that sends the API token of {@code DROVER_TOKEN}.
     *
     * @throws CliFailure when the variable is unset or holds no API token
     */
    public HubClient client() {
        return client(System.getenv(TOKEN_VARIABLE));
    }

    HubClient client(String token) {
        if (token == null || token.isBlank()) {
            throw new CliFailure(CliFailure.USAGE, "no API token: set " + TOKEN_VARIABLE
                    + " to a personal API token (drv_…), made on the hub's Account page (account menu → Account and"
                    + " API tokens) or with POST /api/v1/me/tokens");
        }
        HubClient client = new HubClient(hub, Optional.ofNullable(caFile));
        try {
            client.useToken(token);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE, TOKEN_VARIABLE + " holds no API token: " + e.getMessage());
        }
        return client;
    }
}
