package dev.drover.protocol.terminal;

import dev.drover.protocol.daemon.DaemonMessageSamples;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One control message of every terminal-socket type (and a variant with the optional part left
 * out), each under the name of its golden file in {@code golden/terminal/}: {@code <type>.json}, or
 * {@code <type>.<variant>.json} for a variant.
 */
public final class TerminalControlSamples {

    /** Every sample by the name of its golden file (without {@code .json}), in a stable order. */
    public static final Map<String, TerminalControl> ALL = samples();

    private TerminalControlSamples() {
    }

    private static Map<String, TerminalControl> samples() {
        Map<String, TerminalControl> samples = new LinkedHashMap<>();
        samples.put("resize", new TerminalControl.Resize(132, 43));
        samples.put("ack", new TerminalControl.Ack(262_144));
        samples.put("attached", new TerminalControl.Attached(DaemonMessageSamples.SESSION, 7, 1_048_576, false));
        samples.put("screen", new TerminalControl.Screen(4242, 80, 24,
                Base64.getEncoder().encodeToString("\u001b[2J\u001b[Hhi".getBytes(StandardCharsets.UTF_8)), 4, 1024));
        samples.put("error", new TerminalControl.Error("resize", "read-only viewers cannot resize the terminal"));
        samples.put("resized", new TerminalControl.Resized(80, 24));
        samples.put("exit", new TerminalControl.Exit(0, 1_048_576));
        samples.put("exit.unknown-exit-code", new TerminalControl.Exit(null, 77));
        return Collections.unmodifiableMap(samples);
    }
}
