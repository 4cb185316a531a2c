package dev.drover.daemon.enrollment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The host credential in {@code <state-dir>/credential.jwt} (mode 0600, directory 0700). */
public final class CredentialStore {

    public static final String FILE = "credential.jwt";

    private final Path stateDir;

    public CredentialStore(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path file() {
        return stateDir.resolve(FILE);
    }

    /** The saved credential, if any. */
    public Optional<String> load() throws IOException {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String credential = Files.readString(file, StandardCharsets.UTF_8).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }

    /** Saves the credential so that only this user can read it, replacing any earlier one. */
    public void save(String credential) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = stateDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, credential, StandardCharsets.UTF_8);
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
