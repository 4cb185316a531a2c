package dev.drover.cli;

import dev.drover.cli.hub.CliFailure;
import dev.drover.cli.hub.HostsCommand;
import dev.drover.cli.hub.PromptCommand;
import dev.drover.cli.hub.SessionsCommand;
import dev.drover.cli.hub.SpawnCommand;
import dev.drover.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command. */
@Command(name = "drover", mixinStandardHelpOptions = true, version = "drover 0.1.0",
        description = "Control plane for AI coding agents.",
        subcommands = { UpCommand.class, HostsCommand.class, SessionsCommand.class, SpawnCommand.class, PromptCommand.class },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = { "0:done", "1:the hub refused the request or could not be reached (the reason is printed)",
                "2:wrong options, or no API token in DROVER_TOKEN", "3:the hub refused the API token (revoked, expired, owner disabled)" })
public final class Drover {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its failures printed as one line on standard error and their exit status. */
    public static CommandLine commandLine() {
        return new CommandLine(new Drover()).setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            if (!(failure instanceof CliFailure refused)) {
                throw failure;
            }
            commandLine.getErr().println("drover: " + refused.getMessage());
            return refused.exitCode();
        });
    }
}
