package dev.drover.daemon.session;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the executable a command names: a path relative to a directory, or a name on a PATH. */
public final class Executables {

    private Executables() {
    }

    /** The executable file {@code command} names, looked up on {@code path} unless it contains a slash. */
    public static Optional<String> find(String command, String path, Path cwd) {
        if (command.contains("/")) {
            Path file = cwd.resolve(command);
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file.toString()) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path file = Path.of(entry.isEmpty() ? "." : entry).resolve(command);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return Optional.of(file.toString());
            }
        }
        return Optional.empty();
    }
}
