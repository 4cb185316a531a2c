package dev.drover.cli;

import dev.drover.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command. */
@Command(name = "drover", mixinStandardHelpOptions = true, version = "drover 0.1.0",
        description = "Control plane for AI coding agents.",
        subcommands = { UpCommand.class })
public final class Drover {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Drover()).execute(args));
    }
}
