package dev.drover.daemon.session.tmux;

import dev.drover.daemon.session.Executables;
import dev.drover.daemon.session.SessionLog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs sessions under a private tmux server ({@code tmux -S <state>/tmux.sock -f /dev/null}) that
 * outlives the daemon (docs/adr/0004-session-keeper.md). Each session is a tmux session
 * {@code drover-<id>} whose one pane runs the argv; {@code pipe-pane -O} hands the application's
 * own byte stream to {@code split}, which writes the session's log segments itself, so output
 * written while the daemon is down lands in the log with no gap. One control-mode client carries
 * input ({@code send-keys -H}), resizes and the exit poll.
 */
public final class TmuxKeeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TmuxKeeper.class);
    static final String PREFIX = "drover-";
    private static final String CONTROL_SESSION = "drover-control";
    private static final long EXIT_POLL_MILLIS = 250;
    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    /**
     * Input up to this many bytes goes as one {@code send-keys -H} (a keystroke, an escape
     * sequence). tmux handles every key of a {@code send-keys} on its own, about 30 µs each, so
     * longer input is pasted instead ({@link TmuxCommands#pasteCommands}), about 50 times faster.
     */
    static final int SEND_KEYS_BYTES = 64;
    /** Input bytes per {@code set-buffer}: its command line is at most four times as long. */
    static final int PASTE_BYTES = 4096;
    /**
     * Chunks of one pane's input that tmux may hold unanswered: enough to keep tmux busy between
     * turns, few enough that another pane's keystroke waits behind at most this much of a flood.
     */
    static final int CHUNKS_IN_TMUX = 2;

    private final List<String> tmux;
    private final Path socket;
    private final Map<String, String> environment;
    private final String envExecutable;
    private final Map<UUID, TmuxSession> sessions = new ConcurrentHashMap<>();
    private final CommandLanes commands = new CommandLanes("tmux-commands");
    /** Per pane: input waiting for the command thread. */
    private final Map<String, PaneInput> inputs = new ConcurrentHashMap<>();
    private final LogWatcher watcher;
    private volatile TmuxControl control;
    private volatile boolean closed;

    /**
     * A keeper whose tmux clients (and so a tmux server they start) get {@code environment}, the
     * daemon's own without Drover's variables.
     */
    public TmuxKeeper(String executable, Path socket, Map<String, String> environment) throws IOException {
        this.socket = socket;
        this.tmux = List.of(executable, "-S", socket.toString(), "-f", "/dev/null");
        this.environment = Map.copyOf(environment);
        this.envExecutable = Executables.find("env", environment.get("PATH"), Path.of("/"))
                .orElseThrow(() -> new IOException("env (coreutils) is not on the PATH"));
        this.watcher = new LogWatcher();
        ensureServer();
        this.control = new TmuxControl(tmux, CONTROL_SESSION, environment);
        Thread.ofVirtual().name("tmux-exit-poll").start(this::pollExits);
    }

    /** The tmux executable on {@code path}, if any. */
    public static Optional<String> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path file = Path.of(entry.isEmpty() ? "." : entry).resolve("tmux");
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return Optional.of(file.toString());
            }
        }
        return Optional.empty();
    }

    public Path socket() {
        return socket;
    }

    private void ensureServer() throws IOException {
        if (run(List.of("has-session", "-t", "=" + CONTROL_SESSION)).exit == 0) {
            return;
        }
        Result started = run(List.of("new-session", "-d", "-s", CONTROL_SESSION, "-x", "80", "-y", "24", "cat"),
                List.of("set-option", "-s", "exit-empty", "off"),
                List.of("set-option", "-s", "escape-time", "0"),
                List.of("set-option", "-s", "set-clipboard", "off"),
                List.of("set-option", "-g", "remain-on-exit", "on"),
                List.of("set-option", "-g", "history-limit", "100"),
                List.of("set-option", "-g", "status", "off"),
                List.of("set-option", "-g", "window-size", "latest"),
                List.of("set-option", "-g", "aggressive-resize", "on"),
                List.of("set-option", "-g", "default-terminal", "xterm-256color"));
        if (started.exit != 0) {
            throw new IOException("cannot start the tmux server on " + socket + ": " + started.output.strip());
        }
        LOG.infof("started the tmux server on %s", socket);
    }

    /** One line per pane: the fields {@link #parsePanes} reads. */
    private static final String PANE_FORMAT = "#{session_name}\t#{pane_id}\t#{pane_pid}\t#{pane_dead}\t#{pane_dead_status}"
            + "\t#{window_width}\t#{window_height}\t#{pane_dead_signal}";

    /**
     * What a live tmux session of this keeper looks like; a pane whose process was killed by a
     * signal has exit code 128 + the signal's number, as a shell reports it.
     */
    public record Pane(UUID sessionId, String paneId, long pid, boolean dead, Integer exitCode, int cols, int rows) {
    }

    /** The sessions this keeper's tmux server holds, live or dead (re-adoption after a restart). */
    public Map<UUID, Pane> panes() throws IOException {
        Result listed = run(List.of("list-panes", "-a", "-F", PANE_FORMAT));
        if (listed.exit != 0) {
            throw new IOException("cannot list tmux panes: " + listed.output.strip());
        }
        return parsePanes(List.of(listed.output.split("\n")));
    }

    private static Map<UUID, Pane> parsePanes(List<String> lines) {
        Map<UUID, Pane> panes = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length < 7 || !f[0].startsWith(PREFIX) || f[0].equals(CONTROL_SESSION)) {
                continue;
            }
            try {
                UUID id = UUID.fromString(f[0].substring(PREFIX.length()));
                Integer status = !f[4].isEmpty() ? Integer.valueOf(f[4])
                        : f.length > 7 && !f[7].isEmpty() ? 128 + Integer.parseInt(f[7]) : null;
                panes.put(id, new Pane(id, f[1], Long.parseLong(f[2]), "1".equals(f[3]), status,
                        Integer.parseInt(f[5]), Integer.parseInt(f[6])));
            } catch (IllegalArgumentException e) {
                LOG.debugf("ignoring tmux pane %s", line);
            }
        }
        return panes;
    }

    /**
     * Starts {@code argv} in {@code cwd} in a new tmux session whose output {@code split} writes into
     * {@code log}'s segment files from the first byte. {@code env} is the session's whole environment:
     * the launch wrapper starts with an empty one (nothing of the tmux server's) and reads {@code env}
     * from a file only the daemon's user can read, which it deletes: values (tokens) never appear in a
     * process's arguments.
     */
    public TmuxSession start(UUID id, List<String> argv, Path cwd, Map<String, String> env, int cols, int rows,
            SessionLog log, Consumer<TmuxSession> onExit) throws IOException {
        Path envFile = writeEnvFile(log.dir().resolveSibling("launch.env"), env);
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-P", "-F", "#{pane_id}\t#{pane_pid}",
                "-s", PREFIX + id, "-x", String.valueOf(cols), "-y", String.valueOf(rows)));
        args.addAll(List.of("--", envExecutable, "-i", "/bin/sh", "-c", TmuxCommands.LAUNCH, "drover-session",
                cwd.toString(), TmuxSession.statusFile(log).toString(), envFile.toString()));
        args.addAll(argv);
        Result started = run(args,
                List.of("pipe-pane", "-t", "=" + PREFIX + id + ":", "-O", TmuxCommands.pipeCommand(log)));
        if (started.exit != 0) {
            throw new IOException(started.output.strip());
        }
        String[] f = started.output.strip().split("\t");
        TmuxSession session = new TmuxSession(this, id, f[0], Long.parseLong(f[1]), log, cols, rows, onExit);
        sessions.put(id, session);
        session.startTailing(watcher);
        return session;
    }

    /** Takes over a session left by an earlier daemon run; its log keeps growing from where it is. */
    public TmuxSession adopt(Pane pane, SessionLog log, Consumer<TmuxSession> onExit) throws IOException {
        TmuxSession session = new TmuxSession(this, pane.sessionId(), pane.paneId(), pane.pid(), log, pane.cols(),
                pane.rows(), onExit);
        sessions.put(pane.sessionId(), session);
        if (pane.dead() || TmuxSession.exitRecorded(log)) {
            session.paneDead(pane.exitCode());
        }
        session.startTailing(watcher);
        return session;
    }

    private static Path writeEnvFile(Path file, Map<String, String> env) throws IOException {
        StringBuilder script = new StringBuilder();
        env.forEach((key, value) -> {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + key);
            }
            script.append("export ").append(key).append('=').append(TmuxCommands.shellQuote(value)).append('\n');
        });
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, script);
        return file;
    }


    /**
     * Sends input bytes to a pane, every byte as is, in order with the pane's other commands. Up to
     * {@link #SEND_KEYS_BYTES} bytes go to the control client from the caller's thread when nothing
     * of the pane is queued and the write cannot wait ({@link TmuxControl#tryCommand}: a keystroke,
     * no thread hand-off). Anything else joins the pane's {@link PaneInput}, which the command thread
     * gives tmux {@link #PASTE_BYTES} at a time, taking turns with other panes, with at most
     * {@link #CHUNKS_IN_TMUX} chunks per pane unanswered. The caller's thread never waits. The answer
     * completes once tmux has taken every byte (or failed to: the pane or the control client is
     * gone), never exceptionally.
     */
    CompletableFuture<Void> sendBytes(String paneId, byte[] bytes) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        if (bytes.length == 0) {
            taken.complete(null);
            return taken;
        }
        PaneInput input = inputs.computeIfAbsent(paneId, id -> new PaneInput(PASTE_BYTES, CHUNKS_IN_TMUX));
        synchronized (input) {
            TmuxControl current = control;
            if (bytes.length <= SEND_KEYS_BYTES && input.empty() && commands.idle(paneId) && current.alive()) {
                CompletableFuture<List<String>> sent =
                        current.tryCommand(TmuxCommands.sendKeys(paneId, bytes, 0, bytes.length));
                if (sent != null) {
                    return sent.handle((lines, failure) -> null);
                }
            }
            if (input.add(bytes, taken)) {
                queueTurn(paneId, input);
            }
        }
        return taken;
    }

    private void queueTurn(String paneId, PaneInput input) {
        if (!commands.submit(paneId, () -> inputTurn(paneId, input))) {
            LOG.debugf("input for %s dropped, the keeper is closed", paneId);
            input.drop();
        }
    }

    /** One turn of a pane on the command thread: its next chunk of input goes to tmux. */
    private void inputTurn(String paneId, PaneInput input) {
        PaneInput.Chunk chunk = input.take();
        if (chunk == null) {
            return;
        }
        byte[] bytes = chunk.bytes();
        CompletableFuture<List<String>> answer = null;
        for (String line : bytes.length <= SEND_KEYS_BYTES
                ? List.of(TmuxCommands.sendKeys(paneId, bytes, 0, bytes.length))
                : TmuxCommands.pasteCommands(paneId, bytes, 0, bytes.length)) {
            answer = controlCommand(line);
        }
        answer.whenComplete((lines, failure) -> {
            chunk.finished().forEach(write -> write.complete(null));
            if (input.answered()) {
                queueTurn(paneId, input);
            }
        });
        if (input.claimTurn()) {
            queueTurn(paneId, input);
        }
    }

    void resize(String paneId, int cols, int rows) {
        if (!commands.submit(paneId, () -> controlCommand("resize-window -t " + paneId + " -x " + cols + " -y " + rows))) {
            LOG.debugf("resize of %s dropped, the keeper is closed", paneId);
        }
    }

    void kill(UUID id) {
        try {
            controlCommand("kill-session -t " + TmuxCommands.tmuxQuote("=" + PREFIX + id))
                    .get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("kill-session %s: %s", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void forget(TmuxSession session) {
        sessions.remove(session.id(), session);
        inputs.remove(session.paneId());
    }

    private CompletableFuture<List<String>> controlCommand(String line) {
        TmuxControl current = control;
        if (!current.alive() && !closed) {
            synchronized (this) {
                if (!control.alive()) {
                    try {
                        ensureServer();
                        control = new TmuxControl(tmux, CONTROL_SESSION, environment);
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }
                current = control;
            }
        }
        return current.command(line);
    }

    private void pollExits() {
        while (!closed) {
            try {
                Thread.sleep(EXIT_POLL_MILLIS);
                if (sessions.isEmpty()) {
                    continue;
                }
                long asked = System.nanoTime();
                List<String> lines = controlCommand("list-panes -a -F " + TmuxCommands.tmuxQuote(PANE_FORMAT))
                        .get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<UUID, Pane> panes = parsePanes(lines);
                for (TmuxSession session : sessions.values()) {
                    Pane pane = panes.get(session.id());
                    if (session.registeredAt() > asked) {
                        continue;
                    }
                    if (pane == null) {
                        session.died(null);
                    } else if (pane.dead() || session.exitRecorded()) {
                        session.paneDead(pane.exitCode());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.debugf("tmux exit poll: %s", e.getMessage());
            }
        }
    }

    /** Kills the whole tmux server and every session in it (tests; never on a daemon shutdown). */
    public void killServer() throws IOException {
        close();
        run(List.of("kill-server"));
    }

    /** Detaches from the tmux server; its sessions keep running. */
    @Override
    public void close() throws IOException {
        closed = true;
        commands.close();
        inputs.values().forEach(PaneInput::drop);
        control.close();
        watcher.close();
        sessions.values().forEach(TmuxSession::detach);
    }

    private record Result(int exit, String output) {
    }

    /** Runs tmux commands in one client invocation (so the server runs them back to back). */
    @SafeVarargs
    private Result run(List<String>... commands) throws IOException {
        List<String> command = new ArrayList<>(tmux);
        for (int i = 0; i < commands.length; i++) {
            if (i > 0) {
                command.add(";");
            }
            commands[i].forEach(arg -> command.add(TmuxCommands.escapeTrailingSemicolon(arg)));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tmux did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tmux");
        }
    }
}
