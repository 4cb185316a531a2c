package dev.drover.protocol.daemon;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/**
 * A JSON text frame on the hub-daemon socket ({@code /api/v1/daemon/connect}). The {@code type}
 * property names the message. Bytes (PTY output, input) travel in binary frames, see
 * {@link StreamFrames}. Documented in docs/adr/0002-hub-daemon-protocol.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DaemonMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = DaemonMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = DaemonMessage.Spawn.class, name = "spawn"),
        @JsonSubTypes.Type(value = DaemonMessage.Spawned.class, name = "spawned"),
        @JsonSubTypes.Type(value = DaemonMessage.SpawnFailed.class, name = "spawn-failed"),
        @JsonSubTypes.Type(value = DaemonMessage.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = DaemonMessage.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = DaemonMessage.SessionExited.class, name = "session-exited"),
        @JsonSubTypes.Type(value = DaemonMessage.OpenStream.class, name = "open-stream"),
        @JsonSubTypes.Type(value = DaemonMessage.Credit.class, name = "credit"),
        @JsonSubTypes.Type(value = DaemonMessage.InputWritten.class, name = "input-written"),
        @JsonSubTypes.Type(value = DaemonMessage.CloseStream.class, name = "close-stream"),
        @JsonSubTypes.Type(value = DaemonMessage.StreamEnded.class, name = "stream-ended"),
        @JsonSubTypes.Type(value = DaemonMessage.Screen.class, name = "screen"),
        @JsonSubTypes.Type(value = DaemonMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = DaemonMessage.Profiles.class, name = "profiles"),
        @JsonSubTypes.Type(value = DaemonMessage.SpawnProgress.class, name = "spawn-progress"),
        @JsonSubTypes.Type(value = DaemonMessage.AgentHook.class, name = "agent-hook"),
        @JsonSubTypes.Type(value = DaemonMessage.ListProjects.class, name = "list-projects"),
        @JsonSubTypes.Type(value = DaemonMessage.Projects.class, name = "projects"),
        @JsonSubTypes.Type(value = DaemonMessage.DiscardWorktree.class, name = "discard-worktree"),
        @JsonSubTypes.Type(value = DaemonMessage.WorktreeDiscarded.class, name = "worktree-discarded"),
        @JsonSubTypes.Type(value = DaemonMessage.RequestFailed.class, name = "request-failed"),
        @JsonSubTypes.Type(value = DaemonMessage.WorktreeCreated.class, name = "worktree-created"),
        @JsonSubTypes.Type(value = DaemonMessage.WorktreeReleased.class, name = "worktree-released"),
        @JsonSubTypes.Type(value = DaemonMessage.ShellState.class, name = "shell-state"),
        @JsonSubTypes.Type(value = DaemonMessage.McpServers.class, name = "mcp-servers"),
        @JsonSubTypes.Type(value = DaemonMessage.Activity.class, name = "activity"),
        @JsonSubTypes.Type(value = DaemonMessage.Prompt.class, name = "prompt"),
        @JsonSubTypes.Type(value = DaemonMessage.Prompted.class, name = "prompted"),
        @JsonSubTypes.Type(value = DaemonMessage.ReadScreen.class, name = "read-screen"),
        @JsonSubTypes.Type(value = DaemonMessage.ScreenText.class, name = "screen-text"),
        @JsonSubTypes.Type(value = DaemonMessage.Decide.class, name = "decide"),
        @JsonSubTypes.Type(value = DaemonMessage.Decided.class, name = "decided"),
        @JsonSubTypes.Type(value = DaemonMessage.Transcript.class, name = "transcript"),
        @JsonSubTypes.Type(value = DaemonMessage.TranscriptAck.class, name = "transcript-ack"),
})
@RegisterForReflection
public sealed interface DaemonMessage {

    /** Version of this protocol; the hub refuses a daemon whose major version differs. */
    int PROTOCOL_VERSION = 1;

    /** Hub to daemon: a message the daemon answers with a {@link Reply} carrying the same {@code requestId}. */
    sealed interface Request extends DaemonMessage {

        /** Unique per request; the reply repeats it. */
        String requestId();
    }

    /** Daemon to hub: the answer to the {@link Request} with this {@code requestId}. */
    sealed interface Reply extends DaemonMessage {

        /** The request's id; {@code null} on a message the daemon sends unasked. */
        String requestId();
    }

    /** Daemon to hub, first message after the upgrade: who it is and which sessions it holds. */
    @RegisterForReflection
    record Hello(int protocolVersion, String daemonVersion, String hostname, String os, String arch,
            java.util.List<SessionReport> sessions) implements DaemonMessage {
    }

    /** Hub to daemon, the answer to {@link Hello}. */
    @RegisterForReflection
    record Welcome(java.util.UUID hostId, int protocolVersion) implements DaemonMessage {
        /** Without hostId the message is malformed: the receiver closes with 1007. */
        public Welcome {
            Objects.requireNonNull(hostId, "hostId");
        }
    }

    /**
     * Hub to daemon: start a session in a PTY from agent profile {@code profile} (the daemon's
     * profiles; {@code null} means {@code command} when {@code command} is given, else {@code bash}).
     * {@code command} is an argv list, never a shell string, and only for profiles that take the
     * user's command. {@code mode} is {@code new}, {@code resume} or {@code continue};
     * {@code agentSessionId} is the agent's own session id (pre-assigned for a new session of a
     * profile that takes one, or the one to resume). {@code env} is added to the daemon's
     * environment; {@code telemetry}, when the hub has an ingest, is wired in as the profile says.
     * {@code worktree} asks for a git worktree of the project ({@code cwd}) on a branch of its own.
     */
    @RegisterForReflection
    record Spawn(String requestId, java.util.UUID sessionId, java.util.List<String> command, String cwd,
            java.util.Map<String, String> env, int cols, int rows, String profile, String mode, String agentSessionId,
            String prompt, TelemetryWiring telemetry, boolean worktree) implements Request {
        /** Without requestId or sessionId the message is malformed: the receiver closes with 1007. */
        public Spawn {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(sessionId, "sessionId");
        }


        /** A session running {@code command} (or the shell when empty), with no profile options. */
        public Spawn(String requestId, java.util.UUID sessionId, java.util.List<String> command, String cwd,
                java.util.Map<String, String> env, int cols, int rows) {
            this(requestId, sessionId, command, cwd, env, cols, rows, null, null, null, null, null, false);
        }
    }

    /** Where a session's agent sends OTLP: the ingest's base URL, the session's token, resource attributes. */
    @RegisterForReflection
    record TelemetryWiring(String endpoint, String token, String resourceAttributes) {
    }

    /**
     * Daemon to hub: the session's agent called one of its hooks ({@code event}, e.g. Claude Code's
     * {@code Notification} or {@code Stop}); {@code detail} is a short summary (a notification's
     * message, a tool's name), never the hook's whole payload.
     */
    @RegisterForReflection
    record AgentHook(java.util.UUID sessionId, String event, String detail, java.time.Instant at) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public AgentHook {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Daemon to hub, while a spawn is under way: the step it is on, safe to show a user. */
    @RegisterForReflection
    record SpawnProgress(java.util.UUID sessionId, String step) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public SpawnProgress {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub, after {@code welcome} and whenever the daemon's profiles change: the profiles
     * it can start, whether each CLI is installed here and its version, and the problems of
     * profile files it refused ({@code file:line: reason}).
     */
    @RegisterForReflection
    record Profiles(java.util.List<ProfileInfo> profiles, java.util.List<String> problems) implements DaemonMessage {
        /** With a null profile or problem the message is malformed: the receiver closes with 1007. */
        public Profiles {
            Required.noNulls(profiles, "profiles");
            Required.noNulls(problems, "problems");
        }
    }

    /** Daemon to hub: the session's process is running. */
    @RegisterForReflection
    record Spawned(String requestId, java.util.UUID sessionId, long pid) implements Reply {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public Spawned {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Daemon to hub: the session could not be started; {@code reason} is safe to show a user. */
    @RegisterForReflection
    record SpawnFailed(String requestId, java.util.UUID sessionId, String reason) implements Reply {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public SpawnFailed {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Hub to daemon: set the PTY's window size. */
    @RegisterForReflection
    record Resize(java.util.UUID sessionId, int cols, int rows) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public Resize {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Hub to daemon: stop the session gracefully, as its profile says (ending with SIGKILL). */
    @RegisterForReflection
    record Stop(java.util.UUID sessionId, String reason) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public Stop {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub: the session's process ended, with its exit code (null when nobody could tell,
     * e.g. its tmux session vanished); {@code logEnd} is the final log offset;
     * {@code agentSessionId} is the agent's own session id when the daemon learnt it (for resume).
     */
    @RegisterForReflection
    record SessionExited(java.util.UUID sessionId, Integer exitCode, long logEnd, String agentSessionId)
            implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public SessionExited {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Hub to daemon: send the session's output from byte offset {@code from} as DATA frames tagged
     * with {@code streamId}, at most {@code window} unacknowledged bytes at a time. A negative
     * {@code from} means "from the current end of the log". With {@code screen} set, {@code from}
     * is ignored: the daemon first sends a {@link Screen} snapshot and then DATA from the
     * snapshot's offset (or, when it has no snapshot, DATA from the oldest retained byte).
     */
    @RegisterForReflection
    record OpenStream(long streamId, java.util.UUID sessionId, long from, long window, boolean screen)
            implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public OpenStream {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub: {@code data} (base64) repaints the session's screen, and the scrollback the
     * daemon's terminal model keeps, as they were after the byte at {@code offset - 1}; the
     * stream's DATA frames continue from {@code offset}. The decoded bytes from {@code screenAt}
     * on draw the screen (the ones before it clear and write the scrollback); {@code logStart} is
     * the oldest offset the session's log still holds.
     */
    @RegisterForReflection
    record Screen(long streamId, long offset, int cols, int rows, String data, int screenAt, long logStart)
            implements DaemonMessage {

        /** Without data the message is malformed: the receiver closes with 1007. */
        public Screen {
            Objects.requireNonNull(data, "data");
        }

        /**
         * The most repaint bytes (before base64) one message carries: the daemon drops the oldest
         * scrollback lines beyond it. Base64 and JSON keep the message well under the 4 MiB the
         * hub accepts ({@code quarkus.websockets-next.server.max-message-size}); a larger message
         * would make the hub close the daemon's whole link.
         */
        public static final int MAX_REPAINT_BYTES = 2 * 1024 * 1024;
    }

    /** Hub to daemon: the viewer behind {@code streamId} rendered {@code bytes} more bytes. */
    @RegisterForReflection
    record Credit(long streamId, long bytes) implements DaemonMessage {
    }

    /**
     * Daemon to hub: the session's keeper took {@code bytes} more bytes of the session's INPUT
     * frames (or dropped them because the session ended). The hub keeps at most
     * {@code drover.hub.terminal.input-window} bytes per session in flight without this answer.
     */
    @RegisterForReflection
    record InputWritten(java.util.UUID sessionId, long bytes) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public InputWritten {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Hub to daemon: stop sending on {@code streamId}. */
    @RegisterForReflection
    record CloseStream(long streamId) implements DaemonMessage {
    }

    /**
     * Daemon to hub: no more frames on {@code streamId}. {@code end} is the offset after the last
     * byte sent; {@code reason} is one of {@link StreamEndReason}.
     */
    @RegisterForReflection
    record StreamEnded(long streamId, long end, StreamEndReason reason, Integer exitCode) implements DaemonMessage {
        /** Without reason the message is malformed: the receiver closes with 1007. */
        public StreamEnded {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Daemon to hub, every {@code drover.daemon.heartbeat-interval} after {@code hello}: the host's
     * current health. The hub takes a daemon silent for longer than its heartbeat timeout as gone.
     */
    @RegisterForReflection
    record Heartbeat(HostHealth health) implements DaemonMessage {
    }

    /**
     * Hub to daemon: list the git repositories under the daemon's project roots. With {@code refresh}
     * the daemon scans again; without it, it may answer its latest scan. Answered by {@link Projects}.
     */
    @RegisterForReflection
    record ListProjects(String requestId, boolean refresh) implements Request {
        /** Without requestId the message is malformed: the receiver closes with 1007. */
        public ListProjects {
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * Daemon to hub: the repositories of a scan that finished at {@code scannedAt} over {@code roots}.
     * Also sent unasked ({@code requestId} null) after every {@code welcome}.
     */
    @RegisterForReflection
    record Projects(String requestId, java.time.Instant scannedAt, java.util.List<String> roots,
            java.util.List<ProjectInfo> projects) implements Reply {
        /** With a null root or project the message is malformed: the receiver closes with 1007. */
        public Projects {
            Required.noNulls(roots, "roots");
            Required.noNulls(projects, "projects");
        }
    }

    /**
     * Hub to daemon: force-remove the Drover worktree at {@code path} of repository {@code repo} and
     * delete its branch, which must be {@code branch}. Answered by {@link WorktreeDiscarded} or
     * {@link RequestFailed}.
     */
    @RegisterForReflection
    record DiscardWorktree(String requestId, String repo, String path, String branch) implements Request {
        /** Without requestId or repo or path or branch the message is malformed: the receiver closes with 1007. */
        public DiscardWorktree {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(branch, "branch");
        }
    }

    /** Daemon to hub: the worktree and its branch are gone. */
    @RegisterForReflection
    record WorktreeDiscarded(String requestId, String repo, String path, String branch) implements Reply {
        /** Without path the message is malformed: the receiver closes with 1007. */
        public WorktreeDiscarded {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Daemon to hub: the request was refused or failed; {@code reason} is safe to show a user. */
    @RegisterForReflection
    record RequestFailed(String requestId, String reason) implements Reply {
    }

    /** Daemon to hub: a worktree was created for a session. */
    @RegisterForReflection
    record WorktreeCreated(WorktreeInfo worktree) implements DaemonMessage {
        /** Without worktree the message is malformed: the receiver closes with 1007. */
        public WorktreeCreated {
            Objects.requireNonNull(worktree, "worktree");
        }
    }

    /**
     * Daemon to hub: the session {@code sessionId} that worked in a worktree ended. The worktree was
     * {@code removed} (clean, and merged or pushed) or kept with its flag in {@code worktree.state()}
     * and the reason in {@code reason}.
     */
    @RegisterForReflection
    record WorktreeReleased(java.util.UUID sessionId, WorktreeInfo worktree, boolean removed, String reason)
            implements DaemonMessage {
        /** Without sessionId or worktree the message is malformed: the receiver closes with 1007. */
        public WorktreeReleased {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(worktree, "worktree");
        }
    }

    /**
     * Daemon to hub, when a session's shell integration marks (OSC 7, OSC 133, OSC 633) change what
     * it shows, at most every 250 ms per session, and again after each {@link Welcome}: the shell's
     * working directory, its last command line ({@code null} when the shell did not report it), that
     * command's exit code ({@code null} while it runs or when unknown) and whether it still runs.
     */
    @RegisterForReflection
    record ShellState(java.util.UUID sessionId, String cwd, String lastCommand, Integer lastExitCode,
            boolean commandRunning) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public ShellState {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Daemon to hub, once after {@link Spawned}: the MCP servers configured for the session's agent. */
    @RegisterForReflection
    record McpServers(java.util.UUID sessionId, java.util.List<McpServer> servers) implements DaemonMessage {
        /** Without sessionId the message is malformed: the receiver closes with 1007. */
        public McpServers {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub, at each change of what a session's agent is doing, and the current one of every
     * running session again after each {@link Welcome}: the new {@code state}, the time it began on the
     * daemon ({@code since}), what caused it ({@code cause}, e.g. {@code hook PermissionRequest} or
     * {@code title "✋  Action Required (proj)"}) and, when the agent needs someone, what it asks
     * ({@code detail}: the command to allow, the question; null when unknown). ADR 0018.
     */
    @RegisterForReflection
    record Activity(java.util.UUID sessionId, ActivityState state, java.time.Instant since, String cause, String detail)
            implements DaemonMessage {
        /** Without sessionId, state or since the message is malformed: the receiver closes with 1007. */
        public Activity {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * Hub to daemon: type {@code text} into the session's agent as a prompt, only if its activity is
     * idle now (ADR 0025): the text (as a bracketed paste when the agent's terminal asked for them),
     * a pause, then Enter in a write of its own. Answered by {@link Prompted}.
     */
    @RegisterForReflection
    record Prompt(String requestId, java.util.UUID sessionId, String text) implements Request {
        /** Without requestId, sessionId or text the message is malformed: the receiver closes with 1007. */
        public Prompt {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Daemon to hub, the answer to {@link Prompt}: whether the text was {@code typed}, the session's
     * activity {@code state} when the daemon looked ({@code idle} when typed; otherwise why not:
     * {@code working}, {@code needs-approval}…; null when the session does not run here), and when
     * the typing began ({@code at}, the daemon's clock, as the activity's {@code since} is).
     */
    @RegisterForReflection
    record Prompted(String requestId, java.util.UUID sessionId, boolean typed, ActivityState state, java.time.Instant at)
            implements Reply {
        /** Without sessionId or at the message is malformed: the receiver closes with 1007. */
        public Prompted {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Hub to daemon: send the session's visible screen as text. Answered by {@link ScreenText} or {@link RequestFailed}. */
    @RegisterForReflection
    record ReadScreen(String requestId, java.util.UUID sessionId) implements Request {
        /** Without requestId or sessionId the message is malformed: the receiver closes with 1007. */
        public ReadScreen {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub, the answer to {@link ReadScreen}: the rows of the session's screen as its
     * terminal model shows them ({@code rows} lines of at most {@code cols} characters, trailing
     * blanks removed), the same rows with their SGR attributes ({@code styledLines}: {@code CSI 0;…m}
     * before each run of cells, {@code CSI 0m} at the end; null from daemons before it) and the log
     * offset they are exact at.
     */
    @RegisterForReflection
    record ScreenText(String requestId, java.util.UUID sessionId, int cols, int rows, java.util.List<String> lines,
            java.util.List<String> styledLines, long offset) implements Reply {
        /** Without sessionId, or with a null line, the message is malformed: the receiver closes with 1007. */
        public ScreenText {
            Objects.requireNonNull(sessionId, "sessionId");
            Required.noNulls(lines, "lines");
            Required.noNulls(styledLines, "styledLines");
        }
    }

    /**
     * Hub to daemon: a person ({@code decidedBy}) allowed or denied what the session's agent waits
     * for, with an optional {@code reason} (ADR 0024). The daemon answers the agent's held
     * {@code PermissionRequest} hook when one waits, else types the keys its profile declares for
     * the prompt; answered by {@link Decided}, or {@link RequestFailed} when nothing waits and the
     * profile declares no keys.
     */
    @RegisterForReflection
    record Decide(String requestId, java.util.UUID sessionId, boolean allow, String reason, String decidedBy)
            implements Request {
        /** Without requestId or sessionId the message is malformed: the receiver closes with 1007. */
        public Decide {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Daemon to hub: the decision reached the agent {@code via} its held hook ({@code hook}) or the
     * profile's keys ({@code keys}); {@code detail} is what was decided on (the command), when known.
     */
    @RegisterForReflection
    record Decided(String requestId, java.util.UUID sessionId, String via, String detail) implements Reply {
        /** Without sessionId or via the message is malformed: the receiver closes with 1007. */
        public Decided {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(via, "via");
        }
    }

    /**
     * Daemon to hub: messages read from one agent transcript file (ADR 0031), for the conversation
     * {@code agent}/{@code agentSessionId} on this host. {@code sessionId} is the Drover session whose
     * agent wrote it, when the daemon knows it (null for the user's own runs); {@code cwd} is the
     * agent's working directory. {@code batch} grows with every message the daemon sends; the hub
     * answers each with a {@link TranscriptAck} once it stored the entries, and the daemon sends it
     * again after a reconnect until then (the hub applies an entry whose key it knows as an update).
     */
    @RegisterForReflection
    record Transcript(long batch, String agent, String agentSessionId, java.util.UUID sessionId, String cwd,
            java.util.List<TranscriptEntry> entries) implements DaemonMessage {
        /** Without agent, agentSessionId or entries, or with a null entry, the message is malformed: the receiver closes with 1007. */
        public Transcript {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(agentSessionId, "agentSessionId");
            Objects.requireNonNull(entries, "entries");
            Required.noNulls(entries, "entries");
        }
    }

    /** Hub to daemon: the entries of {@link Transcript} {@code batch} are stored. */
    @RegisterForReflection
    record TranscriptAck(long batch) implements DaemonMessage {
    }
}
