package dev.drover.daemon.shell;

/** What a shell's integration marks say, in the order they appear in its output. */
interface ShellSignals {

    /** OSC 7 (or OSC 633 P;Cwd=): the shell's working directory. */
    void workingDirectory(String path);

    /** OSC 133 A: the prompt is being drawn. */
    void promptStarted();

    /** OSC 133 B: the prompt ended, the user types a command. */
    void commandInputStarted();

    /** OSC 633 E: the command line about to run. */
    void commandLine(String line);

    /** OSC 133 C: the command runs. */
    void commandExecuted();

    /** OSC 133 D: the command finished, with its exit code ({@code null} when the mark carries none). */
    void commandFinished(Integer exitCode);
}
