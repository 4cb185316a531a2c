package dev.drover.daemon.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the host daemon ({@code drover.daemon.*}, env {@code DROVER_DAEMON_*}). */
@ConfigMapping(prefix = "drover.daemon")
public interface DaemonConfig {

    /** Base URL of the hub, e.g. {@code http://127.0.0.1:8420}; {@code https} dials {@code wss}. */
    URI hubUrl();

    /**
     * PEM file of the certificate authority (or the certificates) an {@code https} hub's certificate
     * must chain to; when unset, the JVM's trust store (the system's CAs). Host names are always verified.
     */
    Optional<Path> hubCaFile();

    /** One-time join token from {@code POST /api/v1/hosts}; used only while no credential is saved. */
    Optional<String> joinToken();

    /** How often the running daemon trades its host credential for a fresh one (it also does at every start). */
    @WithDefault("PT12H")
    Duration credentialRenewalInterval();

    /** Directory holding {@code credential.jwt} and the session logs. */
    @WithDefault("${user.home}/.local/state/drover/daemon")
    Path stateDir();

    /** Loopback HTTP port for agent hooks; 0 picks a free port. */
    @WithDefault("0")
    int httpPort();

    /** Command started when a spawn request carries no command. */
    @WithDefault("/bin/bash")
    String shell();

    /**
     * What keeps sessions running: {@code tmux} (they survive daemon restarts), {@code pty} (they
     * die with the daemon), or {@code auto} (tmux when it is on the PATH, else pty).
     */
    @WithDefault("auto")
    KeeperKind keeper();

    /** How often the daemon sends the hub a heartbeat with the host's health. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** Session output logs. */
    Log log();

    /** Output streams to the hub. */
    Stream stream();

    /** The headless terminal model behind {@code from=screen}. */
    Screen screen();

    /** Prompts the hub has the daemon type into agents (ADR 0025). */
    Prompts prompts();

    /** Reconnection to the hub. */
    Reconnect reconnect();

    /** Where the daemon looks for git repositories. */
    Projects projects();

    /** Git worktrees created for sessions. */
    Worktrees worktrees();

    /** What sessions may see of Drover itself (docs/security.md, docs/adr/0011-session-isolation.md). */
    Isolation isolation();

    /** Decisions made in Drover on the agents' approval prompts (docs/adr/0024). */
    Approvals approvals();

    /** The agents' transcripts, collected for the hub's conversation archive (docs/conversations.md, ADR 0031). */
    Transcripts transcripts();

    /** Transcript collection. */
    interface Transcripts {

        /** Whether the daemon reads the transcript files its profiles declare and ships them to the hub. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether the transcripts of agent runs that Drover did not start (the user's own terminal runs on
         * this host) are collected too; false keeps them on the host and ships only Drover sessions'.
         */
        @WithDefault("true")
        boolean ownRuns();

        /** Whether the built-in patterns (API keys, tokens, private keys, passwords) redact what is shipped. */
        @WithDefault("true")
        boolean redactDefaults();

        /**
         * More regular expressions whose matches are replaced by {@code [REDACTED]} before anything leaves
         * the host; a group named {@code secret} limits the replacement to that group. Escape a comma as {@code \\,}.
         */
        Optional<List<String>> redact();

        /** How often every declared location is scanned again, besides the file system's change events. */
        @WithDefault("5s")
        Duration rescanInterval();

        /** How many batches may wait for the hub's acknowledgement; reading pauses beyond (the files are the buffer). */
        @WithDefault("8")
        int maxInFlight();

        /** The most entries one batch carries. */
        @WithDefault("500")
        int maxBatchEntries();
    }

    /** Approvals: how long a blocking approval hook is held open for someone to decide in Drover. */
    interface Approvals {

        /**
         * How long the daemon holds an agent's approval hook (Claude Code's {@code PermissionRequest})
         * open, while the hub is connected, before it answers "no decision" and the agent shows its own
         * prompt; 0 never holds. Keep it below the hook's timeout in the profile (600 s for Claude Code).
         */
        @WithDefault("60s")
        Duration hold();
    }

    /** Session isolation: Drover's variables scrubbed from sessions, Drover's state hidden from them. */
    interface Isolation {

        /**
         * {@code auto}: hide the hidden paths where the host allows it, else start sessions without
         * and say so in the host's health; {@code required}: refuse to start sessions where it is not
         * possible; {@code off}: never hide them.
         */
        @WithDefault("auto")
        IsolationMode mode();

        /**
         * Directories (or files) sessions must not see, each covered by an empty read-only file
         * system in the session's own mount namespace; the session's own directory and working
         * directory stay visible. Unset: the daemon's state directory.
         */
        Optional<List<Path>> hiddenPaths();

        /**
         * The default of {@link #scrubbedEnv()}: Drover's own settings, the JVM's, tmux's and systemd's, and the
         * markers of a CI server, which make agent CLIs run headless (Gemini CLI with {@code CI=true} refuses to
         * start interactively without a prompt) while a session is an interactive terminal.
         */
        String DEFAULT_SCRUBBED_ENV = "DROVER_*,QUARKUS_*,JAVA_TOOL_OPTIONS,JDK_JAVA_OPTIONS,_JAVA_OPTIONS,TMUX,TMUX_PANE,"
                + "NOTIFY_SOCKET,WATCHDOG_*,LISTEN_*,CREDENTIALS_DIRECTORY,CI,CONTINUOUS_INTEGRATION,GITHUB_ACTIONS";

        /** Variables of the daemon's environment no session gets; a trailing {@code *} matches every name with that prefix. */
        @WithDefault(DEFAULT_SCRUBBED_ENV)
        List<String> scrubbedEnv();
    }

    /** How sessions are isolated. */
    enum IsolationMode {
        AUTO, REQUIRED, OFF
    }

    /** Project discovery (docs/configuration.md, "Projects and worktrees"). */
    interface Projects {

        /** Directories searched for git repositories; a project path must lie inside one of them. */
        @WithDefault("${user.home}")
        List<Path> roots();

        /** How many directory levels below a root are searched (the root itself is level 0). */
        @WithDefault("3")
        int depth();

        /** Glob patterns of directories never searched, matched against a directory's name and its path below the root. */
        @WithDefault("node_modules,.git,target,build,dist,.cache,.venv,venv,vendor,__pycache__,.gradle,.m2,.npm,.cargo,.rustup,.local,.tox,snap")
        List<String> ignore();

        /** How many repositories are read with git at the same time during a scan. */
        @WithDefault("4")
        int parallelism();

        /** How long one git command may run before it is killed. */
        @WithDefault("10s")
        Duration gitTimeout();
    }

    /** Worktrees (branch {@code drover/<profile>-<short id>}). */
    interface Worktrees {

        /** Directory that holds the worktrees; {@code <state-dir>/worktrees} when unset. */
        Optional<Path> dir();
    }

    /** Capped exponential backoff with full jitter between connection attempts. */
    interface Reconnect {

        /** Upper bound of the first delay; doubles after each failed attempt. */
        @WithDefault("500ms")
        Duration minDelay();

        /** Cap of the delay. */
        @WithDefault("30s")
        Duration maxDelay();
    }

    /** Which keeper runs sessions. */
    enum KeeperKind {
        AUTO, TMUX, PTY
    }

    /** Segmented session logs (docs/adr/0005-session-log-segments.md). */
    interface Log {

        /** Size of one segment file; fixed per session when it starts. */
        @WithDefault("8M")
        MemorySize segmentSize();

        /** Bytes kept per session; older segments are deleted. */
        @WithDefault("64M")
        MemorySize retentionPerSession();

        /** Bytes kept for all sessions together; the largest logs lose their oldest segments first. */
        @WithDefault("4G")
        MemorySize retentionTotal();
    }

    /** Output streams (one per viewer attachment). */
    interface Stream {

        /** How long output is gathered before a DATA frame is sent (frames also go at 64 KiB). */
        @WithDefault("2ms")
        Duration coalesce();
    }

    /** How a prompt is typed. */
    interface Prompts {

        /**
         * The pause between a prompt's text and its Enter, so they reach the agent in two reads: an
         * agent that gets both in one read takes them as a paste whose Enter is a newline (Gemini CLI).
         */
        @WithDefault("300ms")
        Duration submitPause();
    }

    /** The per-session terminal model that answers {@code from=screen}. */
    interface Screen {

        /** Whether sessions keep a terminal model (off: {@code from=screen} replays from the oldest retained byte). */
        @WithDefault("true")
        boolean enabled();

        /** Scrollback lines the model keeps and a repaint carries. */
        @WithDefault("1000")
        int scrollback();
    }
}
