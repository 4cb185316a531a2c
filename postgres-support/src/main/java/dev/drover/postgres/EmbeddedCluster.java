package dev.drover.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL cluster: a data directory of ours and a postmaster that runs as a child
 * of this JVM (so that its death is seen at once), listening on 127.0.0.1 only, with no Unix
 * socket, password (SCRAM-SHA-256) authentication for every connection, and durable commits
 * (fsync and synchronous commit on: an acknowledged write survives a crash).
 */
final class EmbeddedCluster {

    static final String SUPERUSER = "postgres";
    /** The whole of pg_hba.conf: loopback only, always with a password. */
    static final String HBA = """
            # Written by Drover: every connection needs a password (SCRAM-SHA-256). Replaced at every start.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final PostgresBinaries binaries;
    private final Path data;
    private final Path log;
    private final int port;
    private final String superuserPassword;
    private Process postmaster;

    EmbeddedCluster(PostgresBinaries binaries, Path data, Path log, int port, String superuserPassword) {
        this.binaries = binaries;
        this.data = data;
        this.log = log;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    int port() {
        return port;
    }

    Path data() {
        return data;
    }

    /**
     * Creates the cluster when the data directory holds none, secures one made by an older Drover
     * (password-less {@code trust} in pg_hba.conf), and starts it.
     */
    void open() {
        try {
            Files.createDirectories(log.getParent());
            createPrivateFile(log);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb();
            } else if (!HBA.equals(Files.readString(data.resolve("pg_hba.conf")))) {
                secureOlderCluster();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the PostgreSQL data directory " + data, e);
        }
        start();
    }

    /** Starts the postmaster and waits until it accepts the superuser. */
    synchronized void start() {
        if (postmaster != null && postmaster.isAlive()) {
            return;
        }
        List<String> command = binaries.command("postgres", "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "password_encryption=scram-sha-256",
                "-c", "timezone=UTC",
                "-c", "max_connections=300");
        try {
            Files.createDirectories(log.getParent());
            createPrivateFile(log);
            postmaster = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL from " + binaries.program("postgres"), e);
        }
        awaitAccepting();
    }

    boolean isAlive() {
        Process current = postmaster;
        return current != null && current.isAlive();
    }

    /** The postmaster's exit status, or -1 while it runs or before it started. */
    int exitValue() {
        Process current = postmaster;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    long pid() {
        return postmaster.pid();
    }

    /** Kills the postmaster and every server process it started at once (SIGKILL), as a crash would. */
    void kill() {
        Process current = postmaster;
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        try {
            current.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops the postmaster (fast shutdown: sessions are ended, committed work is kept). */
    synchronized void stop() {
        if (!isAlive()) {
            return;
        }
        try {
            run(binaries.command("pg_ctl", "stop", "-D", data.toString(), "-m", "fast", "-w",
                    "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
            postmaster.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            postmaster.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (postmaster.isAlive()) {
            kill();
        }
    }

    Connection connect(String database) throws SQLException {
        return PostgresServer.connect("127.0.0.1", port, SUPERUSER, superuserPassword, database);
    }

    private void initdb() throws IOException {
        Files.createDirectories(data.getParent());
        Path passwordFile = Files.createTempFile(data.getParent(), ".initdb-", ".secret",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, superuserPassword + "\n");
            run(binaries.command("initdb", "-D", data.toString(), "-U", SUPERUSER, "-E", "UTF-8",
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        writeHba();
    }

    /**
     * Gives the superuser its password in single-user mode (no connection is possible while it
     * runs), then replaces pg_hba.conf; in that order, so that an interrupted upgrade is redone
     * on the next start rather than leaving a cluster nobody can log in to.
     */
    private void secureOlderCluster() throws IOException {
        List<String> command = binaries.command("postgres", "--single", "-D", data.toString(), "postgres");
        Process single = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try (var stdin = single.getOutputStream()) {
            stdin.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD " + literal(superuserPassword) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        awaitExit(single, "securing the PostgreSQL cluster in " + data);
        writeHba();
    }

    private void writeHba() throws IOException {
        Path hba = data.resolve("pg_hba.conf");
        Path next = data.resolve("pg_hba.conf.next");
        Files.writeString(next, HBA);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        Files.move(next, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitAccepting() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with status " + postmaster.exitValue()
                        + " while starting; see " + log);
            }
            try (Connection connection = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
                if ("28P01".equals(e.getSQLState())) {
                    throw new IllegalStateException("the embedded PostgreSQL in " + data
                            + " refused the stored superuser password (" + e.getMessage() + ")", e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PostgreSQL started", e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
                + " s (" + (last == null ? "" : last.getMessage()) + "); see " + log);
    }

    private void run(List<String> command) throws IOException {
        Files.createDirectories(log.getParent());
        createPrivateFile(log);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitExit(process, String.join(" ", command));
    }

    private void awaitExit(Process process, String what) {
        try {
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + START_TIMEOUT.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with status " + process.exitValue() + "; see " + log);
        }
    }

    /** Creates {@code file} readable by its owner only, or makes an existing one so. */
    static void createPrivateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /** {@code value} as an SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
