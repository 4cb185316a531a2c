package dev.drover.daemon.session.tmux;

import dev.drover.daemon.session.SessionLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines {@link TmuxKeeper} gives tmux, built from untrusted bytes and paths without a
 * shell ever seeing them unquoted: the launch wrapper a session's pane runs, the {@code pipe-pane}
 * command that writes its log, quoting for tmux's parser and for {@code sh}, and input as
 * {@code send-keys -H} or pasted buffers.
 */
final class TmuxCommands {

    /**
     * Runs the argv in the working directory ($1), with the environment from a file ($3), without a
     * shell string built from user input, and records its exit status in a file ($2) before the pane
     * dies: tmux may show a pane dead before it knows the status (or never know it), the file never
     * lags. Stop sequences signal the agent's processes, not the wrapper; the wrapper still outlives
     * Ctrl-C (which reaches the terminal's whole foreground process group) and SIGTERM (handlers, not
     * ignored, so the agent still gets them) to wait for the agent. A hang-up (the tmux server or session
     * is gone) ends it, so nothing is left behind without a terminal. After the agent it stays (as
     * {@code sleep}) until the daemon has read the pane's last byte and ends the tmux session: a
     * terminal whose session leader exits is hung up, and the kernel drops output still in flight.
     */
    static final String LAUNCH = "trap : INT TERM; cd -- \"$1\" || exit 127; status_file=$2; env_file=$3; shift 3; "
            + ". \"$env_file\" && rm -f -- \"$env_file\" || exit 126; "
            + "\"$@\"; status=$?; printf %s \"$status\" > \"$status_file\"; exec sleep 2147483647";

    /** How long the processes left in a pane's terminal session get between SIGHUP and SIGKILL. */
    private static final int HANGUP_GRACE_SECONDS = 1;

    private TmuxCommands() {
    }

    /**
     * What {@code pipe-pane} runs: {@code split} into the log's segments, then a marker file saying
     * it wrote its last byte ({@link TmuxSession#pipeClosedFile}), then the end of every process
     * left in the pane's terminal session, whose leader is the launch wrapper ({@code #{pane_pid}}).
     * {@code split} ends when tmux lets go of the pane: the daemon ended the tmux session, or the
     * server was killed ({@code kill-server}, a signal). The hang-up of the terminal reaches only
     * the session leader and then the foreground process group, so an interactive shell busy with a
     * command that ignores hang-ups, or its background jobs, would outlive the session: they get
     * SIGHUP, then SIGKILL {@link #HANGUP_GRACE_SECONDS} later. A process meant to outlive its
     * session leaves it ({@code setsid}).
     */
    static String pipeCommand(SessionLog log) {
        return splitCommand(log) + "; : > " + shellQuote(TmuxSession.pipeClosedFile(log).toString()).replace("#", "##")
                + "; pkill -HUP -s #{pane_pid}; sleep " + HANGUP_GRACE_SECONDS + "; pkill -KILL -s #{pane_pid}";
    }

    /** {@code split} writing fixed-size numbered segments ({@code 00000000.seg}, …) into the log's directory. */
    static String splitCommand(SessionLog log) {
        String prefix = log.dir().toAbsolutePath() + "/";
        return "split -b " + log.segmentSize() + " -d -a 8 --additional-suffix=.seg - " + shellQuote(prefix).replace("#", "##");
    }

    /** Quotes an argument for {@code sh}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Quotes an argument for a control-mode command line (tmux's own parser). */
    static String tmuxQuote(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '~') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** One {@code send-keys -H} typing {@code bytes[from..to)} into the pane, every byte in hex. */
    static String sendKeys(String paneId, byte[] bytes, int from, int to) {
        StringBuilder line = new StringBuilder(24 + 3 * (to - from)).append("send-keys -t ").append(paneId).append(" -H");
        for (int i = from; i < to; i++) {
            line.append(' ').append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return line.toString();
    }

    /**
     * Commands that paste {@code bytes[from..to)} into the pane unchanged: each run without NUL goes
     * into the pane's own buffer ({@code set-buffer}, in a double-quoted string where every byte
     * outside printable ASCII, and {@code " \ $ ~}, is an octal escape) and is pasted with
     * {@code paste-buffer -d -r} (no LF to CR, no bracketed paste, the buffer deleted); NUL bytes,
     * which end a tmux string, go as {@code send-keys -H 00}.
     */
    static List<String> pasteCommands(String paneId, byte[] bytes, int from, int to) {
        String buffer = tmuxQuote("drover-input-" + paneId.replace("%", ""));
        List<String> lines = new ArrayList<>();
        int run = from;
        for (int i = from; i <= to; i++) {
            if (i < to && bytes[i] != 0) {
                continue;
            }
            if (i > run) {
                StringBuilder line = new StringBuilder(32 + 4 * (i - run)).append("set-buffer -b ").append(buffer).append(" \"");
                for (int b = run; b < i; b++) {
                    int c = bytes[b] & 0xff;
                    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '$' && c != '~') {
                        line.append((char) c);
                    } else {
                        line.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    }
                }
                lines.add(line.append('"').toString());
                lines.add("paste-buffer -d -r -b " + buffer + " -t " + paneId);
            }
            if (i < to) {
                lines.add(sendKeys(paneId, bytes, i, i + 1));
            }
            run = i + 1;
        }
        return lines;
    }

    /**
     * tmux reads an argument ending in {@code ;} as the end of a command; {@code \;} at the end stands
     * for a literal {@code ;}. Nothing else in an argument is interpreted.
     */
    static String escapeTrailingSemicolon(String arg) {
        return arg.endsWith(";") ? arg.substring(0, arg.length() - 1) + "\\;" : arg;
    }
}
