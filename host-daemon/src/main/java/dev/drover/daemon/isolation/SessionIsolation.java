package dev.drover.daemon.isolation;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.session.Executables;
import dev.drover.daemon.shell.BashIntegration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Keeps Drover's own secrets out of agent sessions (docs/adr/0011-session-isolation.md). Every
 * session starts from the daemon's environment minus Drover's variables
 * ({@link #environment()}), and, where the host allows it, runs in mount, PID and user namespaces
 * of its own ({@link #wrap}) in which the hidden paths (the daemon's state directory, or the whole
 * state root of {@code drover up}) are empty read-only file systems; the session's own directory
 * and its working directory stay visible, and the session sees only its own processes. Whether the
 * host allows it is found out once by trying it ({@link #status()}); the host's health reports it.
 */
@ApplicationScoped
public class SessionIsolation {

    private static final Logger LOG = Logger.getLogger(SessionIsolation.class);
    private static final long PROBE_TIMEOUT_SECONDS = 10;
    private static final String HIDE_START = "--hide";
    private static final String HIDE_END = "--";
    private static final String READ_ONLY = "ro:";

    /**
     * Run in a new mount namespace (as root of a new user namespace unless the daemon is root):
     * opens each directory to keep visible (its working directory, its own directory, a
     * {@code ro:} one read-only), covers each hidden path with an empty tmpfs (a hidden file with
     * /dev/null), binds the kept directories back where a cover hid them, makes the cover read-only,
     * then starts the command as the daemon's user in a new user and PID namespace (with its own
     * /proc) under a shell that stays process 1: the command gets signals as usual, and every
     * process it leaves ends with it. The new user namespace locks the covers: the session cannot
     * unmount them.
     */
    private static final String HIDE = """
            uid=$1 gid=$2 cwd=$3; shift 3
            fd=3
            while [ "$1" != --hide ]; do
              case $1 in ro:*) path=${1#ro:} ro=1 ;; *) path=$1 ro=0 ;; esac
              eval "exec $fd<\\"\\$path\\" && keep$fd=\\$path ro$fd=$ro" || exit 125
              fd=$((fd + 1)); shift
            done
            shift; last=$fd
            uncover() {
              i=3
              while [ $i -lt $last ]; do
                eval "path=\\$keep$i ro=\\$ro$i"
                if ! [ "$path" -ef "/proc/self/fd/$i" ]; then
                  mkdir -p -- "$path" && mount --no-canonicalize --bind "/proc/self/fd/$i" "$path" || return 1
                  [ $ro = 0 ] || mount -o remount,bind,ro "$path" || return 1
                fi
                i=$((i + 1))
              done
            }
            while [ "$1" != -- ]; do
              if [ -d "$1" ]; then
                mount -t tmpfs -o mode=0755,size=64k drover-hidden "$1" && uncover && mount -o remount,bind,ro "$1" || exit 125
              elif [ -e "$1" ]; then
                mount --bind /dev/null "$1" || exit 125
              fi
              shift
            done
            shift
            i=3; while [ $i -lt $last ]; do eval "exec $i<&-"; i=$((i + 1)); done
            exec unshare --user --map-user="$uid" --map-group="$gid" --pid --fork --mount-proc -- \
              /bin/sh -c 'cd -- "$1" || exit 127; shift; "$@"; exit $?' drover-session "$cwd" "$@"
            """;

    /** The directories a session keeps besides its working directory: at most 6 (file descriptors 3 to 9 of the script). */
    private static final int MAX_KEPT = 6;

    /** Whether sessions on this host run isolated, and why not. */
    public record Status(State state, String reason) {

        static Status available() {
            return new Status(State.AVAILABLE, null);
        }

        static Status unavailable(String reason) {
            return new Status(State.UNAVAILABLE, reason);
        }
    }

    /** {@code available}: sessions run isolated; {@code unavailable}: the host does not allow it; {@code off}: turned off. */
    public enum State {
        AVAILABLE, UNAVAILABLE, OFF;

        /** The name the host's health carries. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final DaemonConfig.Isolation config;
    private final Path stateDir;
    private final Map<String, String> environment;
    private volatile Status status;
    private String unshare;

    @Inject
    public SessionIsolation(DaemonConfig config) {
        this(config, System.getenv());
    }

    SessionIsolation(DaemonConfig config, Map<String, String> daemonEnvironment) {
        this.config = config.isolation();
        this.stateDir = config.stateDir();
        this.environment = scrub(daemonEnvironment, config.isolation().scrubbedEnv());
    }

    /**
     * The environment sessions (and the tmux server that runs them) start from: the daemon's own
     * without the variables {@code drover.daemon.isolation.scrubbed-env} names; a session's profile
     * and spawn request add theirs on top.
     */
    public Map<String, String> environment() {
        return environment;
    }

    static Map<String, String> scrub(Map<String, String> environment, List<String> patterns) {
        Map<String, String> kept = new HashMap<>();
        environment.forEach((name, value) -> {
            if (patterns.stream().noneMatch(pattern -> matches(pattern.strip(), name))) {
                kept.put(name, value);
            }
        });
        return Map.copyOf(kept);
    }

    private static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern);
    }

    /** Whether sessions run isolated here; tried once, on first use. */
    public Status status() {
        Status known = status;
        if (known == null) {
            synchronized (this) {
                if (status == null) {
                    status = probe();
                    if (status.state() == State.UNAVAILABLE) {
                        LOG.warnf("session isolation: unavailable, %s; sessions can read Drover's state directories"
                                + " (docs/security.md)", status.reason());
                    } else {
                        LOG.infof("session isolation: %s", status.state().wire());
                    }
                }
                known = status;
            }
        }
        return known;
    }

    /** Whether a session must not start because isolation is required and unavailable: the reason, else null. */
    public String refusal() {
        return config.mode() == DaemonConfig.IsolationMode.REQUIRED && status().state() != State.AVAILABLE
                ? "session isolation is required but unavailable on this host: " + status().reason()
                : null;
    }

    /**
     * The argv that runs {@code argv} isolated in {@code cwd}, with {@code own} (the session's
     * directory) visible and writable and the shell integration's scripts visible read-only;
     * {@code argv} itself when isolation is off or unavailable.
     */
    public List<String> wrap(List<String> argv, Path cwd, Path own) {
        if (status().state() != State.AVAILABLE) {
            return argv;
        }
        List<String> kept = new ArrayList<>(List.of(own.toAbsolutePath().toString()));
        Path shellIntegration = stateDir.resolve(BashIntegration.DIR).toAbsolutePath();
        if (Files.isDirectory(shellIntegration)) {
            kept.add(READ_ONLY + shellIntegration);
        }
        return wrap(argv, cwd, kept, hiddenPaths(), uid(), gid());
    }

    private List<Path> hiddenPaths() {
        return config.hiddenPaths().orElse(List.of(stateDir)).stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

    /**
     * {@link #wrap(List, Path, Path)} for a daemon running as {@code uid}:{@code gid}, hiding
     * {@code hidden} and keeping {@code kept} ({@value #READ_ONLY} before a path: read-only).
     */
    List<String> wrap(List<String> argv, Path cwd, List<String> kept, List<Path> hidden, long uid, long gid) {
        if (kept.size() > MAX_KEPT) {
            throw new IllegalArgumentException("at most " + MAX_KEPT + " directories can be kept visible: " + kept);
        }
        List<String> command = new ArrayList<>(List.of(unshare));
        if (uid != 0) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--mount", "--propagation", "private", "--", "/bin/sh", "-c", HIDE, "drover-isolation",
                Long.toString(uid), Long.toString(gid), cwd.toAbsolutePath().toString(), cwd.toAbsolutePath().toString()));
        command.addAll(kept);
        command.add(HIDE_START);
        hidden.forEach(path -> command.add(path.toString()));
        command.add(HIDE_END);
        command.addAll(argv);
        return command;
    }

    /**
     * Tries the whole thing on a directory of its own: a hidden file must vanish, the kept directory
     * must stay writable, the session must be alone in its PID namespace.
     */
    private Status probe() {
        if (config.mode() == DaemonConfig.IsolationMode.OFF) {
            return new Status(State.OFF, "turned off (drover.daemon.isolation.mode)");
        }
        unshare = Executables.find("unshare", environment.get("PATH"), Path.of("/")).orElse(null);
        if (unshare == null) {
            return Status.unavailable("unshare (util-linux) is not on the PATH");
        }
        Path root = null;
        try {
            if (!Files.isDirectory(stateDir)) {
                Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            root = Files.createTempDirectory(stateDir, "isolation-probe-");
            Files.writeString(root.resolve("secret"), "hidden");
            Path own = Files.createDirectories(root.resolve("session"));
            List<String> check = List.of("/bin/sh", "-c", "if [ -e \"$1/secret\" ]; then echo 'a hidden file stayed visible'; exit 3; fi; "
                    + ": > \"$2/written\" || exit 4; [ \"$PPID\" = 1 ] || { echo 'the session is not alone in its PID namespace'; exit 5; }",
                    "probe", root.toString(), own.toString());
            ProcessBuilder builder = new ProcessBuilder(wrap(check, own, List.of(own.toString()), List.of(root), uid(), gid()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output;
            try (InputStream out = process.getInputStream()) {
                if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Status.unavailable("the isolation check did not finish within " + PROBE_TIMEOUT_SECONDS + " s");
                }
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (process.exitValue() == 0 && Files.exists(own.resolve("written"))) {
                return Status.available();
            }
            String line = output.isEmpty() ? "exit status " + process.exitValue() : output.lines().findFirst().orElseThrow();
            return Status.unavailable(line);
        } catch (IOException e) {
            return Status.unavailable("cannot run the isolation check: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.unavailable("interrupted while checking");
        } finally {
            deleteQuietly(root);
        }
    }

    private static long uid() {
        return id("unix:uid");
    }

    private static long gid() {
        return id("unix:gid");
    }

    /** The daemon's own user or group: the owner of {@code /proc/self}. */
    private static long id(String attribute) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), attribute)).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read the daemon's own " + attribute, e);
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("cannot remove %s: %s", root, e.getMessage());
        }
    }
}
