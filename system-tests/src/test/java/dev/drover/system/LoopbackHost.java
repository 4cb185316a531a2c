package dev.drover.system;

import dev.drover.cli.stack.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fallback where network namespaces are unavailable (not root, no {@code ip}): the daemon runs
 * in the root namespace with its hook endpoint on a loopback address of its own (127.0.0.2, ...),
 * and cutting it off stops its process (SIGSTOP): to the hub, a daemon that sends nothing is
 * exactly a daemon whose network is gone. Its sessions keep running under tmux meanwhile.
 */
final class LoopbackHost implements HostNetwork {

    private final String address;
    private volatile long stoppedPid = -1;

    /** The {@code index}-th host (0-based): hook endpoint on 127.0.0.{index + 2}. */
    LoopbackHost(int index) {
        this.address = "127.0.0." + (index + 2);
    }

    @Override
    public List<String> launcher() {
        return List.of();
    }

    @Override
    public String hubAddress() {
        return "127.0.0.1";
    }

    @Override
    public String hookHost() {
        return address;
    }

    @Override
    public String namespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void cut(ServiceProcess daemon) {
        SystemCommand.run("kill", "-STOP", Long.toString(daemon.pid()));
        stoppedPid = daemon.pid();
    }

    @Override
    public void restore(ServiceProcess daemon) {
        SystemCommand.run("kill", "-CONT", Long.toString(daemon.pid()));
        stoppedPid = -1;
    }

    @Override
    public String describe() {
        return "root namespace, hooks on " + address;
    }

    @Override
    public void close() {
        long pid = stoppedPid;
        if (pid >= 0) {
            SystemCommand.attempt(List.of(List.of("kill", "-CONT", Long.toString(pid))));
        }
    }
}
