package dev.drover.cli.hub;

import dev.drover.cli.stack.HubClient;

/**
 * Why a command failed, said in one line, with the exit status a script can tell apart:
 * {@value #HUB} the hub refused the request or could not be reached, {@value #USAGE} the command or
 * its settings are wrong (picocli's own status for bad options), {@value #TOKEN_REFUSED} the hub
 * refused the API token.
 */
public final class CliFailure extends RuntimeException {

    public static final int HUB = 1;
    public static final int USAGE = 2;
    public static final int TOKEN_REFUSED = 3;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A failed hub call as the person at the terminal should read it. */
    public static CliFailure of(HubClient.HubException failure, String hub) {
        if (failure.status() == 401) {
            return new CliFailure(TOKEN_REFUSED, "the hub at " + hub + " refused the API token in "
                    + HubOptions.TOKEN_VARIABLE + ": it is revoked or expired, or its owner is disabled or removed;"
                    + " create a new one on the hub's Account page");
        }
        return new CliFailure(HUB, failure.detail()
                .map(detail -> "the hub refused (" + failure.status() + "): " + detail)
                .orElse(failure.getMessage()));
    }
}
