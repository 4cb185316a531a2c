package dev.drover.daemon.shell;

import dev.drover.daemon.config.DaemonConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Drover's shell integration for bash: scripts (resources {@code shell-integration/*.sh}) written at
 * start to {@code <state-dir>/shell-integration/} with mode 0644, and the argv that makes a bash
 * session run them ({@code --rcfile}). The scripts load the user's own startup files first and then
 * make bash report its working directory, command lines and exit codes with OSC 7, OSC 133 and OSC
 * 633 E marks (see {@link OscScanner}).
 */
@ApplicationScoped
public class BashIntegration {

    private static final Logger LOG = Logger.getLogger(BashIntegration.class);
    /** The directory below the state directory that holds the scripts (sessions read it). */
    public static final String DIR = "shell-integration";
    static final String BASH = "bash.sh";
    static final String BASH_LOGIN = "bash-login.sh";
    private static final Set<String> KEPT_LONG_OPTIONS = Set.of("--noediting");
    private static final Pattern SHORT_OPTIONS = Pattern.compile("-[il]+");

    private final Path stateDir;
    private volatile boolean installed;

    public BashIntegration(DaemonConfig config) {
        this.stateDir = config.stateDir();
    }

    void install(@Observes StartupEvent event) {
        install();
    }

    /** Writes the scripts, replacing those of an earlier version; returns whether they are in place. */
    public synchronized boolean install() {
        if (installed) {
            return true;
        }
        try {
            if (!Files.isDirectory(stateDir)) {
                Files.createDirectories(stateDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path dir = Files.createDirectories(stateDir.resolve(DIR));
            for (String script : List.of(BASH, BASH_LOGIN)) {
                write(script, dir);
            }
            installed = true;
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("shell integration not installed in %s: %s", stateDir.resolve(DIR), e.getMessage());
        }
        return installed;
    }

    private static void write(String script, Path dir) throws IOException {
        Path tmp = dir.resolve(script + ".tmp");
        try (InputStream in = BashIntegration.class.getResourceAsStream("/" + DIR + "/" + script)) {
            if (in == null) {
                throw new IOException("resource " + DIR + "/" + script + " is missing");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The argv that starts the bash of {@code argv} with the integration: {@code [bash, --rcfile,
     * <script>, …]}, where {@code -l}/{@code --login} pick the script that reads the login files
     * instead. Answers {@code argv} unchanged when it is not bash, when it asks for anything the
     * integration could change ({@code -c}, a script, {@code --rcfile}, {@code --norc},
     * {@code --posix}, any option other than {@code -i}, {@code -l}, {@code --login},
     * {@code --noediting}), or when the scripts could not be written.
     */
    public List<String> argv(List<String> argv) {
        if (argv.isEmpty() || !"bash".equals(Path.of(argv.getFirst()).getFileName().toString())) {
            return argv;
        }
        boolean login = false;
        boolean interactive = false;
        List<String> longOptions = new ArrayList<>();
        for (String arg : argv.subList(1, argv.size())) {
            if (arg.equals("--login")) {
                login = true;
            } else if (KEPT_LONG_OPTIONS.contains(arg)) {
                longOptions.add(arg);
            } else if (SHORT_OPTIONS.matcher(arg).matches()) {
                login |= arg.indexOf('l') > 0;
                interactive |= arg.indexOf('i') > 0;
            } else {
                return argv;
            }
        }
        if (!install()) {
            return argv;
        }
        List<String> integrated = new ArrayList<>(List.of(argv.getFirst(), "--rcfile",
                stateDir.resolve(DIR).resolve(login ? BASH_LOGIN : BASH).toString()));
        integrated.addAll(longOptions);
        if (interactive) {
            integrated.add("-i");
        }
        return integrated;
    }
}
